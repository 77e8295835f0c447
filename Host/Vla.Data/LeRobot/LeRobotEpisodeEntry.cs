using System.Text.Json;
using Vla.Abstractions;

namespace Vla.Data.LeRobot;

/// <summary>Where one episode's rows and frames are: its data file, and per video feature the mp4 file and the episode's start time in it.</summary>
/// <param name="Length">frames according to the metadata (checked against the rows found)</param>
/// <param name="MetadataFile">the file that described the episode (named in errors about it)</param>
internal sealed record LeRobotEpisodeEntry(
    long Index,
    long Length,
    IReadOnlyList<string> Tasks,
    string DataFile,
    IReadOnlyDictionary<string, (string File, double From)> Videos,
    string MetadataFile)
{
    /// <summary>
    /// v3: meta/episodes/chunk-*/file-*.parquet (`data/chunk_index`, `videos/&lt;key&gt;/from_timestamp`, ...);
    /// v2.x: meta/episodes.jsonl, paths from the templates with `episode_chunk = episode_index / chunks_size`.
    /// </summary>
    public static List<LeRobotEpisodeEntry> Load(LeRobotInfo info, IReadOnlyList<string> videoKeys)
    {
        var entries = info.IsV3 ? FromParquet(info, videoKeys) : FromJsonLines(info, videoKeys);
        if (entries.Count == 0)
            throw new VlaException($"{Path.Combine(info.Root, "meta")}: the episode metadata lists no episodes", "the dataset is empty");
        var duplicate = entries.GroupBy(e => e.Index).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new VlaException($"{duplicate.First().MetadataFile}: episode_index {duplicate.Key} is listed twice");
        return entries.OrderBy(e => e.Index).ToList();
    }

    private static List<LeRobotEpisodeEntry> FromParquet(LeRobotInfo info, IReadOnlyList<string> videoKeys)
    {
        var folder = Path.Combine(info.Root, "meta", "episodes");
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        if (files.Count == 0)
            throw new VlaException($"{folder}: no episode metadata (meta/episodes/chunk-*/file-*.parquet)", "the dataset is incomplete: re-download its meta/ folder");
        var entries = new List<LeRobotEpisodeEntry>();
        foreach (var file in files)
        {
            using var table = ParquetFile.Open(file, "episode metadata");
            var index = table.Integers("episode_index");
            var length = table.Integers("length");
            var tasks = table.Has("tasks") ? table.StringLists("tasks") : null;
            var dataChunk = table.Integers("data/chunk_index");
            var dataFile = table.Integers("data/file_index");
            var videos = videoKeys.Select(key => (Key: key, Chunk: table.Integers($"videos/{key}/chunk_index"),
                File: table.Integers($"videos/{key}/file_index"), From: table.Scalars($"videos/{key}/from_timestamp"))).ToList();
            for (var i = 0; i < index.Length; i++)
            {
                var data = Fill(info, info.DataPath, "data_path", new() { ["chunk_index"] = dataChunk[i], ["file_index"] = dataFile[i] });
                var paths = videos.ToDictionary(v => v.Key, v => (Fill(info, info.VideoPath!, "video_path",
                    new() { ["video_key"] = v.Key, ["chunk_index"] = v.Chunk[i], ["file_index"] = v.File[i] }), v.From[i]));
                entries.Add(new LeRobotEpisodeEntry(index[i], length[i], tasks?[i] ?? [], data, paths, file));
            }
        }
        return entries;
    }

    private static List<LeRobotEpisodeEntry> FromJsonLines(LeRobotInfo info, IReadOnlyList<string> videoKeys)
    {
        var file = Path.Combine(info.Root, "meta", "episodes.jsonl");
        var entries = new List<LeRobotEpisodeEntry>();
        foreach (var (line, number) in JsonLines.Read(file, "episode"))
        {
            var index = JsonLines.Long(line, "episode_index", file, number);
            var tasks = line.TryGetProperty("tasks", out var t) && t.ValueKind == JsonValueKind.Array
                ? t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                : [];
            var chunk = index / info.ChunksSize;
            var data = Fill(info, info.DataPath, "data_path", new() { ["episode_chunk"] = chunk, ["episode_index"] = index });
            // Each v2 video holds one episode, starting at 0.
            var videos = videoKeys.ToDictionary(key => key, key => (Fill(info, info.VideoPath!, "video_path",
                new() { ["episode_chunk"] = chunk, ["video_key"] = key, ["episode_index"] = index }), 0.0));
            entries.Add(new LeRobotEpisodeEntry(index, JsonLines.Long(line, "length", file, number), tasks, data, videos, file));
        }
        return entries;
    }

    private static string Fill(LeRobotInfo info, string template, string key, Dictionary<string, object> values) =>
        Path.GetFullPath(Path.Combine(info.Root, PathTemplate.Fill(template, values, info.File, key)));
}
