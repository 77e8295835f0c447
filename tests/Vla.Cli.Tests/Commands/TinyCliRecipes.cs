using Vla.Abstractions;

namespace Vla.Cli.Tests.Commands;

/// <summary>A shipped recipe at `--model-size tiny` (32 px, width 32, one block, batch 8): what the CLI tests train.</summary>
internal static class TinyCliRecipes
{
    public static Recipe Load(string name = "oft") =>
        ModelSizeOption.Apply(Recipe.FromFile(Path.Combine(RepoPaths.Root, "recipes", name + ".json")), ModelSizeOption.Tiny);
}
