using PureHDF;
using Vla.Abstractions;

namespace Vla.Data;

/// <summary>
/// The cameras and proprio keys every demo must provide, fixed from the first demo read so that all episodes of a
/// dataset have the same cameras and the same proprio layout (a demo missing one is an error, not a silent gap).
/// </summary>
internal sealed record ReadPlan(IReadOnlyList<string> Cameras, IReadOnlyList<string> ProprioKeys)
{
    public static ReadPlan Resolve(LiberoReadOptions options, H5GroupView firstObs)
    {
        var cameras = options.Cameras ?? CameraKeys.Detect(firstObs).Keys.ToList();
        if (cameras.Count == 0)
            throw new VlaException($"{firstObs.File}: '{firstObs.Path}' has no camera images",
                $"expected <camera>_rgb or <camera>_image datasets; it holds: {string.Join(", ", firstObs.ChildNames<IH5Dataset>())}");
        // Defaults: those of LIBERO's keys present (older robomimic exports lack ee_ori); explicit keys must all exist.
        var proprio = options.ProprioKeys ?? LiberoReadOptions.DefaultProprioKeys.Where(firstObs.Has).ToList();
        return new ReadPlan(cameras, proprio);
    }
}
