using System.Text.Json;
using System.Text.Json.Nodes;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Training;

namespace Vla.Data;

/// <summary>
/// Dataset statistics computed once and stored beside the data (`dataset_statistics.json` in the folder, or
/// `&lt;file&gt;.dataset_statistics.json` for a single file), keyed by a fingerprint of the files and of the proprio
/// keys; reused while both are unchanged, recomputed (and rewritten atomically) otherwise.
/// </summary>
public static class DatasetStatisticsCache
{
    public const string FileName = "dataset_statistics.json";

    /// <summary>Where the statistics of <paramref name="dataPath"/> are stored.</summary>
    public static string PathFor(string dataPath)
    {
        var full = Path.GetFullPath(dataPath);
        return File.Exists(full) ? $"{full}.{FileName}" : Path.Combine(full, FileName);
    }

    /// <summary>
    /// The stored statistics when they match the data, else <see cref="StatisticsCalculator.Compute"/> over
    /// <paramref name="episodes"/> (which must be what <paramref name="dataPath"/> read with <paramref name="options"/>).
    /// </summary>
    public static DatasetStatistics GetOrCompute(string dataPath, LiberoReadOptions options, IReadOnlyList<Episode> episodes) =>
        GetOrCompute(dataPath, Fingerprint(dataPath, options), episodes);

    /// <summary>As above, for an ALOHA dataset (proprio is always /observations/qpos).</summary>
    public static DatasetStatistics GetOrCompute(string dataPath, AlohaReadOptions options, IReadOnlyList<Episode> episodes) =>
        GetOrCompute(dataPath, Fingerprint(dataPath, options), episodes);

    private static DatasetStatistics GetOrCompute(string dataPath, string fingerprint, IReadOnlyList<Episode> episodes)
    {
        var file = PathFor(dataPath);
        if (TryRead(file, fingerprint) is { } stored && stored.Frames == episodes.Sum(e => (long)e.Length))
            return stored;
        var stats = StatisticsCalculator.Compute(episodes);
        Write(file, fingerprint, stats);
        return stats;
    }

    /// <summary>The stored statistics if they were computed from exactly these files and proprio keys, else null.</summary>
    public static DatasetStatistics? TryLoad(string dataPath, LiberoReadOptions options) =>
        TryRead(PathFor(dataPath), Fingerprint(dataPath, options));

    /// <summary>The stored statistics of an ALOHA dataset if computed from exactly these files, else null.</summary>
    public static DatasetStatistics? TryLoad(string dataPath, AlohaReadOptions options) =>
        TryRead(PathFor(dataPath), Fingerprint(dataPath, options));

    // Only what changes the statistics: the files and the proprio layout (cameras, size and instruction do not).
    private static string Fingerprint(string dataPath, LiberoReadOptions options) =>
        SourceFingerprint.Of(DatasetFiles.Find(dataPath),
            "proprio=" + (options.ProprioKeys is null ? "<default>" : string.Join(",", options.ProprioKeys))
            + (options.ProprioDefaults is null ? "" : ";defaults=" + string.Join(",", options.ProprioDefaults)));

    // The format is part of the key: the same files read as ALOHA and as LIBERO would not give the same statistics.
    private static string Fingerprint(string dataPath, AlohaReadOptions _) =>
        SourceFingerprint.Of(DatasetFiles.Find(dataPath), "format=aloha-hdf5");

    private static DatasetStatistics? TryRead(string file, string fingerprint)
    {
        if (!File.Exists(file)) return null;
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(file));
            if (root?["fingerprint"]?.GetValue<string>() != fingerprint || root["statistics"] is not JsonObject statistics) return null;
            return DatasetStatistics.FromJson(statistics.ToJsonString(), file);
        }
        catch (Exception e) when (e is JsonException or VlaException or InvalidOperationException or IOException)
        {
            return null;   // a damaged cache is recomputed, never fatal
        }
    }

    private static void Write(string file, string fingerprint, DatasetStatistics stats)
    {
        var root = new JsonObject
        {
            ["fingerprint"] = fingerprint,
            ["note"] = "computed by Vla.Data from the .hdf5 files beside it; deleted or stale copies are recomputed",
            ["statistics"] = JsonNode.Parse(stats.ToJson()),
        };
        try
        {
            AtomicFile.WriteAllText(file, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only dataset (a shared mount) still trains: the statistics are just not cached.
        }
    }
}
