using Vla.Abstractions;

namespace Vla.Data.LeRobot;

/// <summary>
/// Reads one data Parquet file (v3: many episodes; v2: one) and splits it into episodes by `episode_index`, in
/// `frame_index` order, checking each against its metadata (length), the info.json shapes, and for NaN.
/// </summary>
internal static class LeRobotDataFile
{
    public static List<LeRobotEpisodeRows> Read(string file, IReadOnlyList<LeRobotEpisodeEntry> entries, LeRobotInfo info,
        LeRobotReadPlan plan, IReadOnlyDictionary<long, string> tasks, string? instruction, FrameSizer sizer)
    {
        using var table = ParquetFile.Open(file, "data");
        var episodeIndex = table.Integers("episode_index");
        var frameIndex = table.Has("frame_index") ? table.Integers("frame_index") : null;
        var timestamps = table.Has("timestamp") ? table.Scalars("timestamp") : null;
        var taskIndex = table.Has("task_index") ? table.Integers("task_index") : null;
        var actions = Vectors(table, plan.Action);
        var proprio = plan.Proprio.Select(f => Vectors(table, f)).ToList();
        var images = plan.Cameras.Where(c => !c.IsVideo).ToDictionary(c => c.Key, c => table.Images(c.Key));
        var rowsOf = Enumerable.Range(0, episodeIndex.Length).GroupBy(r => episodeIndex[r]).ToDictionary(g => g.Key, g => g.ToList());
        var result = new List<LeRobotEpisodeRows>();
        foreach (var entry in entries)
        {
            if (entry.Length <= 0)
                throw new VlaException($"{entry.MetadataFile}: episode {entry.Index} has 'length' {entry.Length}: the episode is empty",
                    "remove the empty episode (LeRobot's dataset tools can delete episodes)");
            var rows = rowsOf.GetValueOrDefault(entry.Index) ?? [];
            if (rows.Count != entry.Length)
                throw new VlaException($"{file}: {rows.Count} rows have episode_index {entry.Index} but {entry.MetadataFile} says 'length' {entry.Length}",
                    "the data and the episode metadata disagree: the dataset is incomplete or was edited by hand; re-download it");
            if (frameIndex is not null) rows = rows.OrderBy(r => frameIndex[r]).ToList();
            var source = $"{file}:episode_index={entry.Index}";
            CheckFinite(actions, rows, file, plan.Action.Key, entry.Index);
            for (var k = 0; k < proprio.Count; k++) CheckFinite(proprio[k], rows, file, plan.Proprio[k].Key, entry.Index);
            var text = instruction ?? Task(entry, taskIndex is null ? null : taskIndex[rows[0]], tasks, file);
            result.Add(new LeRobotEpisodeRows(entry, text,
                rows.Select(r => actions[r]).ToArray(),
                rows.Select(r => Concat(proprio, r)).ToArray(),
                rows.Select((r, i) => timestamps?[r] ?? (frameIndex?[r] ?? i) / (double)info.Fps).ToArray(),
                images.ToDictionary(p => p.Key, p => ParquetImages.Decode(p.Value, rows, file, p.Key, info.Root, sizer)),
                source));
        }
        return result;
    }

    /// <summary>The column's vectors, each checked against the feature's shape in info.json.</summary>
    private static float[][] Vectors(ParquetFile table, LeRobotFeature feature)
    {
        var rows = table.Vectors(feature.Key);
        var dim = feature.Shape[0];
        for (var r = 0; r < rows.Length; r++)
            if (rows[r].Length != dim)
                throw new VlaException($"{table.File}: column '{feature.Key}' has {rows[r].Length} values at row {r} but meta/info.json says shape [{dim}]",
                    "the data and meta/info.json disagree: re-export the dataset");
        return rows;
    }

    private static void CheckFinite(float[][] column, List<int> rows, string file, string key, long episode)
    {
        for (var i = 0; i < rows.Count; i++)
            if (column[rows[i]].Any(v => !float.IsFinite(v)))
                throw new VlaException($"{file}: column '{key}' has NaN or infinity at row {rows[i]} (episode {episode}, frame {i})",
                    "clean or drop that episode; training on NaN would destroy the weights");
    }

    private static string Task(LeRobotEpisodeEntry entry, long? taskIndex, IReadOnlyDictionary<long, string> tasks, string file)
    {
        // The frame's own task (LeRobot's task_index column) wins; episodes with several tasks use the first frame's.
        if (taskIndex is { } index)
            return tasks.TryGetValue(index, out var text)
                ? text
                : throw new VlaException($"{file}: episode {entry.Index} has task_index {index}, which the tasks metadata does not list",
                    $"known task indices: {string.Join(", ", tasks.Keys.Order().Take(20))}");
        return entry.Tasks.Count > 0
            ? entry.Tasks[0]
            : throw new VlaException($"{file}: episode {entry.Index} has no task_index column and no tasks in its metadata",
                "pass an instruction explicitly (--instruction)");
    }

    private static float[] Concat(List<float[][]> parts, int row)
    {
        var result = new float[parts.Sum(p => p[row].Length)];
        var at = 0;
        foreach (var part in parts)
        {
            part[row].CopyTo(result, at);
            at += part[row].Length;
        }
        return result;
    }
}
