using Vla.Abstractions;

namespace Vla.Core.Data;

/// <summary>
/// The synthetic task in any recipe's shape, so every recipe (ALOHA's 14-D bimanual one too) can be trained, exported
/// and checked on it: the 7-D arm is mirrored onto as many arms as action_dim needs (dimension i copies arm dimension
/// i mod 7; the world reads the first arm), proprio is tiled the same way, and each recipe camera shows one of the
/// task's two views (names with "wrist" or "hand" the gripper view, any other the scene view).
/// </summary>
public static class SyntheticShape
{
    public static Episode Fit(Episode episode, Recipe recipe) => episode with
    {
        Frames = recipe.Cameras.ToDictionary(c => c, c => episode.Frames[SourceCamera(c)]),
        Proprio = episode.Proprio.Select(p => Tile(p, recipe.ProprioDim)).ToArray(),
        Actions = episode.Actions.Select(a => Tile(a, recipe.ActionDim)).ToArray(),
    };

    public static Observation Fit(Observation observation, Recipe recipe)
    {
        var views = observation.Images.ToDictionary(i => i.Camera);
        return observation with
        {
            Images = recipe.Cameras.Select(c => views[SourceCamera(c)] with { Camera = c }).ToList(),
            Proprio = Tile(observation.Proprio, recipe.ProprioDim),
        };
    }

    private static string SourceCamera(string camera) =>
        SyntheticTask.Cameras.Contains(camera) ? camera
        : camera.Contains("wrist", StringComparison.OrdinalIgnoreCase) || camera.Contains("hand", StringComparison.OrdinalIgnoreCase)
            ? SyntheticTask.Cameras[1] : SyntheticTask.Cameras[0];

    // A recipe without proprio (dim 0) ignores it; the task's own stays, as before.
    private static float[] Tile(float[] values, int dim) =>
        dim == 0 || values.Length == dim ? values : Enumerable.Range(0, dim).Select(i => values[i % values.Length]).ToArray();
}
