using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.Onnx;

/// <summary>
/// Observations a run was not trained on, for comparing engines: scenes of the built-in synthetic task from seeds
/// far from the training episodes' (run folders trained on `--data synthetic`; the recipe says which cameras).
/// </summary>
public static class HeldOutSamples
{
    private const int SeedBase = 900_000;

    public static IReadOnlyList<Observation> Synthetic(Recipe recipe, int count)
    {
        var unknown = recipe.Cameras.Except(SyntheticTask.Cameras).ToList();
        if (unknown.Count > 0 || recipe.ActionDim != 7 || recipe.ProprioDim is not (0 or 8))
            throw new VlaException(
                $"no held-out samples for recipe '{recipe.Name}': only the synthetic task's shapes are built in " +
                $"(cameras {string.Join(", ", SyntheticTask.Cameras)}, 7-D actions, 8-D or no proprio)",
                "compare engines on your own observations with OrtPolicy and VlaPolicy");
        return Enumerable.Range(0, count).Select(i => new SyntheticWorld(SeedBase + i).Observe(recipe.ImageSize)).ToList();
    }
}
