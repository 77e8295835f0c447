using System.Text.Json;
using Vla.Abstractions;

namespace Vla.Data.LeRobot;

/// <summary>
/// meta/info.json of a LeRobot dataset: the layout version, frame rate, features and the path templates of the
/// data and video files. v3.x: many episodes per file (`data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet`);
/// v2.0/v2.1: one file per episode (`data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet`).
/// </summary>
internal sealed record LeRobotInfo(
    string Root,
    string Version,
    int Fps,
    IReadOnlyList<LeRobotFeature> Features,
    string DataPath,
    string? VideoPath,
    int ChunksSize)
{
    public const string RelativePath = "meta/info.json";

    public string File => Path.Combine(Root, RelativePath);

    /// <summary>v3.x (file-based); else v2.x (episode-based).</summary>
    public bool IsV3 => Version.StartsWith("v3.", StringComparison.Ordinal);

    public LeRobotFeature? Feature(string key) => Features.FirstOrDefault(f => f.Key == key);

    /// <summary>True when <paramref name="folder"/> looks like a LeRobot dataset (what format detection checks).</summary>
    public static bool IsDataset(string folder) => Directory.Exists(folder) && System.IO.File.Exists(Path.Combine(folder, RelativePath));

    public static LeRobotInfo Load(string root)
    {
        root = Path.GetFullPath(root);
        var file = Path.Combine(root, RelativePath);
        if (!Directory.Exists(root))
            throw new VlaException($"dataset path '{root}' does not exist", "pass the LeRobot dataset folder (the one holding meta/, data/, videos/)");
        if (!System.IO.File.Exists(file))
            throw new VlaException($"{file}: not found, so '{root}' is not a LeRobot dataset",
                "a LeRobot dataset folder holds meta/info.json, data/ and (for video features) videos/; pass that folder");
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(System.IO.File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new VlaException($"{file}: not valid JSON: {e.Message}", "the file is damaged: re-download the dataset's meta/ folder");
        }
        using (json)
        {
            var r = json.RootElement;
            if (r.ValueKind != JsonValueKind.Object) throw new VlaException($"{file}: expected a JSON object");
            var version = String(r, "codebase_version", file);
            if (!version.StartsWith("v3.", StringComparison.Ordinal) && version is not ("v2.0" or "v2.1"))
                throw new VlaException($"{file}: 'codebase_version' is '{version}', which this reader does not know",
                    "v2.0, v2.1 and v3.x are supported; convert older datasets with LeRobot's conversion scripts");
            var fps = Number(r, "fps", file);
            if (fps <= 0 || fps != Math.Floor(fps)) throw new VlaException($"{file}: 'fps' must be a positive whole number, got {fps}");
            var chunks = r.TryGetProperty("chunks_size", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 1000;
            string? videoPath = r.TryGetProperty("video_path", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new LeRobotInfo(root, version, (int)fps, ParseFeatures(r, file), String(r, "data_path", file), videoPath, chunks);
        }
    }

    private static List<LeRobotFeature> ParseFeatures(JsonElement root, string file)
    {
        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Object)
            throw new VlaException($"{file}: 'features' is missing or not an object", "it maps each column (action, observation.state, ...) to its dtype and shape");
        var list = new List<LeRobotFeature>();
        foreach (var p in features.EnumerateObject())
        {
            var key = $"features.{p.Name}";
            if (p.Value.ValueKind != JsonValueKind.Object) throw new VlaException($"{file}: '{key}' is not an object");
            var dtype = String(p.Value, "dtype", file, key + ".");
            if (!p.Value.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array
                || shape.EnumerateArray().Any(d => d.ValueKind != JsonValueKind.Number))
                throw new VlaException($"{file}: '{key}.shape' is missing or not a list of numbers");
            list.Add(new LeRobotFeature(p.Name, dtype, shape.EnumerateArray().Select(d => d.GetInt32()).ToArray()));
        }
        return list;
    }

    private static string String(JsonElement e, string name, string file, string prefix = "") =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
            ? v.GetString()!
            : throw new VlaException($"{file}: '{prefix}{name}' is missing or not a string", "every LeRobot info.json has it: re-download meta/info.json");

    private static double Number(JsonElement e, string name, string file) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : throw new VlaException($"{file}: '{name}' is missing or not a number", "every LeRobot info.json has it: re-download meta/info.json");
}
