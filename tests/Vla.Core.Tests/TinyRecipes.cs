using Vla.Abstractions;

namespace Vla.Core.Tests;

/// <summary>Recipes shrunk for tests: the same parts, tiny sizes, a few steps.</summary>
internal static class TinyRecipes
{
    public static string RecipesFolder => Path.Combine(RepoRoot, "recipes");

    public static string RepoRoot => RepoPaths.Root;

    public static Recipe Shrink(Recipe recipe, int steps = 60) => recipe with
    {
        ImageSize = 32,
        MaxInstructionTokens = 8,
        Vision = recipe.Vision with { Width = 32, Depth = 1, PatchSize = 8, Heads = 2 },
        Backbone = new BackboneSpec { Width = 32, Depth = 1, Heads = 2, MlpRatio = 2 },
        Training = recipe.Training with { Steps = steps, BatchSize = 16, WarmupSteps = 5, ValidateEvery = 20, CheckpointEvery = 1000, LearningRate = 5e-4 },
    };

    public static Recipe Oft(int steps = 60) => Load("oft", steps);

    public static Recipe Load(string name, int steps = 60) =>
        Shrink(Recipe.FromFile(Path.Combine(RecipesFolder, name + ".json")), steps);

    /// <summary>A shipped recipe shrunk, with its training block changed (e.g. an auxiliary loss weighted).</summary>
    public static Recipe Load(string name, int steps, Func<TrainingSpec, TrainingSpec> training)
    {
        var recipe = Load(name, steps);
        return recipe with { Training = training(recipe.Training) };
    }
}
