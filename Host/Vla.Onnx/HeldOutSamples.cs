using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.Onnx;

/// <summary>
/// Observations a run was not trained on, for comparing engines: scenes of the built-in synthetic task from seeds
/// far from the training episodes' (run folders trained on `--data synthetic`), in the recipe's shape (<see cref="SyntheticShape"/>).
/// </summary>
public static class HeldOutSamples
{
    private const int SeedBase = 900_000;

    public static IReadOnlyList<Observation> Synthetic(Recipe recipe, int count) =>
        Enumerable.Range(0, count).Select(i => SyntheticShape.Fit(new SyntheticWorld(SeedBase + i).Observe(recipe.ImageSize), recipe)).ToList();
}
