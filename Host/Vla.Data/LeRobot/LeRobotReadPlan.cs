using Vla.Abstractions;

namespace Vla.Data.LeRobot;

/// <summary>
/// Which features of a LeRobot dataset become our episode: `action` -> actions, the proprio keys (default
/// `observation.state`) -> proprio, the chosen camera features -> frames. Checked against meta/info.json before any
/// data file is opened, so a wrong name fails fast with the names that exist.
/// </summary>
internal sealed record LeRobotReadPlan(LeRobotFeature Action, IReadOnlyList<LeRobotFeature> Proprio, IReadOnlyList<LeRobotFeature> Cameras)
{
    private static readonly HashSet<string> NumberTypes = ["float32", "float64", "float16", "int64", "int32", "int16", "int8", "uint8", "bool"];

    public static LeRobotReadPlan Resolve(LeRobotInfo info, LeRobotReadOptions options)
    {
        var action = Numeric(info, LeRobotReadOptions.ActionKey);
        var proprioKeys = options.ProprioKeys
            ?? (info.Feature(LeRobotReadOptions.StateKey) is null ? [] : [LeRobotReadOptions.StateKey]);
        var proprio = proprioKeys.Select(k => Numeric(info, k)).ToList();
        var all = info.Features.Where(f => f.IsCamera).ToList();
        var cameras = options.Cameras is null ? all : options.Cameras.Select(name => Camera(info, all, name)).ToList();
        foreach (var camera in cameras.Where(c => c.IsVideo))
            if (info.VideoPath is null)
                throw new VlaException($"{info.File}: '{camera.Key}' is a video feature but 'video_path' is null",
                    "the info.json is inconsistent: re-download meta/info.json");
        return new LeRobotReadPlan(action, proprio, cameras);
    }

    private static LeRobotFeature Numeric(LeRobotInfo info, string key)
    {
        var feature = info.Feature(key) ?? throw new VlaException($"{info.File}: feature '{key}' not found",
            $"features in the dataset: {string.Join(", ", info.Features.Select(f => f.Key))}");
        if (!NumberTypes.Contains(feature.Dtype))
            throw new VlaException($"{info.File}: feature '{key}' has dtype '{feature.Dtype}', expected numbers (float32, float64, ...)",
                "actions and proprio must be numeric vectors");
        if (feature.Shape.Length != 1)
            throw new VlaException($"{info.File}: feature '{key}' has shape [{string.Join(", ", feature.Shape)}], expected a vector [D]",
                "only 1-D features can be actions or proprio");
        return feature;
    }

    private static LeRobotFeature Camera(LeRobotInfo info, IReadOnlyList<LeRobotFeature> cameras, string name) =>
        cameras.FirstOrDefault(c => c.CameraName == name || c.Key == name)
        ?? throw new VlaException($"{info.File}: camera '{name}' not found: no feature '{LeRobotFeature.CameraPrefix}{name}' of dtype video or image",
            cameras.Count == 0 ? "the dataset has no camera features" : $"cameras in the data: {string.Join(", ", cameras.Select(c => c.CameraName))}");
}
