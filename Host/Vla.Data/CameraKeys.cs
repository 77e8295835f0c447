using PureHDF;
using Vla.Abstractions;

namespace Vla.Data;

/// <summary>
/// Maps camera names to `obs/` dataset keys: LIBERO stores `agentview_rgb`, robomimic `agentview_image`; the camera
/// name is the key without that suffix (what recipes list in `cameras`).
/// </summary>
internal static class CameraKeys
{
    // Order matters: when a file has both agentview_rgb and agentview_image, _rgb (LIBERO's) wins.
    private static readonly string[] Suffixes = ["_rgb", "_image"];

    /// <summary>Camera name -> dataset key, for every image-like dataset in <paramref name="obs"/>, in the file's order.</summary>
    public static IReadOnlyDictionary<string, string> Detect(H5GroupView obs)
    {
        var found = new Dictionary<string, string>();
        var names = obs.ChildNames<IH5Dataset>();
        foreach (var suffix in Suffixes)
        foreach (var key in names)
            if (key.EndsWith(suffix, StringComparison.Ordinal) && key.Length > suffix.Length)
                found.TryAdd(key[..^suffix.Length], key);
        return found;
    }

    /// <summary>The dataset key of <paramref name="camera"/>; the error lists the cameras that exist.</summary>
    public static string Find(H5GroupView obs, string camera)
    {
        var cameras = Detect(obs);
        if (cameras.TryGetValue(camera, out var key)) return key;
        throw new VlaException(
            $"{obs.File}: camera '{camera}' not found: no '{obs.KeyOf(camera + "_rgb")}' or '{obs.KeyOf(camera + "_image")}'",
            cameras.Count == 0
                ? $"'{obs.Path}' has no <camera>_rgb or <camera>_image datasets"
                : $"cameras in the data: {string.Join(", ", cameras.Keys)} (set the recipe's `cameras` to these)");
    }
}
