using PureHDF;
using Vla.Abstractions;

namespace Vla.Data;

/// <summary>
/// The cameras and proprio keys every demo must provide, fixed from the first demo read so that all episodes of a
/// dataset have the same cameras and the same proprio layout (a demo missing one is an error, not a silent gap).
/// </summary>
internal sealed record ReadPlan(IReadOnlyList<string> Cameras, IReadOnlyList<string> ProprioKeys)
{
    /// <param name="storedKeys">the file's own `data.attrs['proprio_keys']` (written by <see cref="LiberoHdf5Writer"/>), if any</param>
    public static ReadPlan Resolve(LiberoReadOptions options, H5GroupView firstObs, IReadOnlyList<string>? storedKeys = null)
    {
        var cameras = options.Cameras ?? CameraKeys.Detect(firstObs).Keys.ToList();
        if (cameras.Count == 0)
            throw new VlaException($"{firstObs.File}: '{firstObs.Path}' has no camera images",
                $"expected <camera>_rgb or <camera>_image datasets; it holds: {string.Join(", ", firstObs.ChildNames<IH5Dataset>())}");
        // Defaults: those of LIBERO's keys present (older robomimic exports lack ee_ori); explicit keys must all exist.
        // A file naming its proprio keys (our imports) is read with exactly those.
        var proprio = options.ProprioKeys ?? storedKeys
                      ?? (options.ProprioDefaults ?? LiberoReadOptions.DefaultProprioKeys).Where(firstObs.Has).ToList();
        return new ReadPlan(cameras, proprio);
    }

    /// <summary>`data.attrs['proprio_keys']` as a list, or null when absent.</summary>
    public static IReadOnlyList<string>? StoredProprioKeys(H5GroupView data)
    {
        var text = data.StringAttribute(LiberoHdf5Writer.ProprioKeysAttribute);
        if (text is null) return null;
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<string[]>(text)
                   ?? throw new System.Text.Json.JsonException("null");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new VlaException($"{data.File}: {data.Path}.attrs['{LiberoHdf5Writer.ProprioKeysAttribute}'] is not a JSON list of names: {e.Message}",
                "fix or delete the attribute, or name the proprio keys explicitly");
        }
    }
}
