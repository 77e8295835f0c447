using System.CommandLine;
using Vla.Abstractions;

namespace Vla.Cli;

/// <summary>
/// `--model-size default|small|tiny`: scales a recipe's vision encoder and backbone (and, for tiny, the image size) so a
/// user can trade success for speed without editing JSON. default keeps the recipe (and can fine-tune from the shipped
/// base, which has the default sizes); small halves the widths and depths; tiny (32 px, width 32, one block) is for smoke
/// runs and tests.
/// </summary>
internal static class ModelSizeOption
{
    public const string Default = "default", Small = "small", Tiny = "tiny";

    public static Option<string> Create()
    {
        var option = new Option<string>("--model-size")
        {
            Description = "default (the recipe's sizes, fine-tunes from the shipped base), small (half width and depth), tiny (32 px, smoke runs)",
            DefaultValueFactory = _ => Default,
        };
        option.AcceptOnlyFromAmong(Default, Small, Tiny);
        return option;
    }

    public static Recipe Apply(Recipe recipe, string? size) => size switch
    {
        Small => recipe with
        {
            Vision = recipe.Vision with { Width = recipe.Vision.Width / 2, Depth = Math.Max(1, recipe.Vision.Depth / 2), Heads = Math.Max(1, recipe.Vision.Heads / 2) },
            Backbone = recipe.Backbone with { Width = recipe.Backbone.Width / 2, Depth = Math.Max(1, recipe.Backbone.Depth / 2), Heads = Math.Max(1, recipe.Backbone.Heads / 2) },
        },
        Tiny => recipe with
        {
            ImageSize = 32,
            Vision = recipe.Vision with { Width = 32, Depth = 1, Heads = 2, PatchSize = 8 },
            Backbone = recipe.Backbone with { Width = 32, Depth = 1, Heads = 2, MlpRatio = 2 },
            Training = recipe.Training with { BatchSize = 8, WarmupSteps = 1, ValidateEvery = 2, CheckpointEvery = 100 },
        },
        _ => recipe,
    };
}
