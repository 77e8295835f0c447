using TorchSharp;
using TorchSharp.PyBridge;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Model;
using Vla.Core.Plugins;
using Vla.Core.Text;
using Vla.Core.Training;
using static TorchSharp.torch;

namespace Vla.Onnx.Tests;

/// <summary>
/// Run folders with fresh random weights (no training: export must match for any weights). Every parameter gets
/// noise on top of its initialisation so zero-initialised parts (FiLM starts as the identity) are really exercised.
/// </summary>
internal static class TestRuns
{
    public static readonly List<Episode> Episodes = SyntheticTask.Generate(6, 32, seed: 3);

    public static string RepoRoot => RepoPaths.Root;

    public static IEnumerable<string> RecipeNames =>
        Directory.GetFiles(Path.Combine(RepoRoot, "recipes"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order();

    /// <summary>A recipe from recipes/ shrunk to test size, parts unchanged (as Vla.Core.Tests' TinyRecipes).</summary>
    public static Recipe Tiny(string name, string? vision = null)
    {
        var recipe = Recipe.FromFile(Path.Combine(RepoRoot, "recipes", name + ".json"));
        var kind = vision ?? recipe.Vision.Kind;
        return recipe with
        {
            ImageSize = 32,
            MaxInstructionTokens = 8,
            Vision = recipe.Vision with { Kind = kind, Width = 32, Depth = kind == "conv" ? 2 : 1, PatchSize = 8, Heads = 2 },
            Backbone = new BackboneSpec { Width = 32, Depth = 2, Heads = 2, MlpRatio = 2 },
        };
    }

    public static string Create(Recipe recipe, PartCatalog catalog, int seed = 1)
    {
        var run = new RunFolder(Path.Combine(Directory.CreateTempSubdirectory("vla-onnx-").FullName, "run"));
        Directory.CreateDirectory(run.LatestCheckpoint);
        var tokenizer = InstructionTokenizer.Fit(Episodes.Select(e => e.Instruction), recipe.MaxInstructionTokens);
        File.WriteAllText(run.RecipeFile, recipe.ToJson());
        File.WriteAllText(run.StatisticsFile, StatisticsCalculator.Compute(Episodes.Select(e => SyntheticShape.Fit(e, recipe)).ToList()).ToJson());
        File.WriteAllText(run.TokenizerFile, tokenizer.ToJson());
        torch.manual_seed(seed);
        using var model = new VlaPolicyModel(recipe, PolicyParts.Resolve(recipe, catalog), tokenizer.VocabularySize);
        using (no_grad())
            foreach (var p in model.parameters()) p.add_(randn_like(p) * 0.05f);
        Safetensors.SaveStateDict(Path.Combine(run.LatestCheckpoint, Checkpoint.ModelFile), model.state_dict());
        File.WriteAllText(Path.Combine(run.LatestCheckpoint, Checkpoint.StateFile),
            """{"step": 0, "recipe": "test", "seed": 0, "wall_seconds": 0}""");
        return run.Path;
    }

    /// <summary>Held-out synthetic observations at the recipe's image size.</summary>
    public static IReadOnlyList<Observation> Observations(Recipe recipe, int count) => HeldOutSamples.Synthetic(recipe, count);
}
