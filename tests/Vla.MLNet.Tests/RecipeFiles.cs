using Vla.Abstractions;

namespace Vla.MLNet.Tests;

/// <summary>The repository's recipes shrunk to the test data (32 px, K = 4, tiny widths, a few steps).</summary>
internal static class RecipeFiles
{
    public static Recipe Tiny(string name, int steps = 3)
    {
        var recipe = Recipe.FromFile(Path.Combine(SampleProgram.RepoRoot, "recipes", $"{name}.json"));
        return recipe with
        {
            Chunk = TestData.Chunk,
            ImageSize = TestData.ImageSize,
            MaxInstructionTokens = 8,
            Vision = recipe.Vision with { Width = 32, Depth = 1, PatchSize = 8, Heads = 2 },
            Backbone = new BackboneSpec { Width = 32, Depth = 1, Heads = 2, MlpRatio = 2 },
            Training = recipe.Training with { Steps = steps, BatchSize = 16, WarmupSteps = 1, ValidateEvery = 1000, CheckpointEvery = 1000 },
        };
    }
}
