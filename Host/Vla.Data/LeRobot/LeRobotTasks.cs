using System.Text.Json;
using Vla.Abstractions;

namespace Vla.Data.LeRobot;

/// <summary>
/// task_index -> task text: v3 meta/tasks.parquet (pandas writes the task text as its index column `task` beside
/// `task_index`), v2.x meta/tasks.jsonl (`{"task_index": 0, "task": "..."}` per line).
/// </summary>
internal static class LeRobotTasks
{
    public static IReadOnlyDictionary<long, string> Load(LeRobotInfo info) =>
        info.IsV3 ? FromParquet(Path.Combine(info.Root, "meta", "tasks.parquet")) : FromJsonLines(Path.Combine(info.Root, "meta", "tasks.jsonl"));

    private static Dictionary<long, string> FromParquet(string file)
    {
        using var table = ParquetFile.Open(file, "tasks");
        // pandas names the index column after the index ("task"); an unnamed index is written as __index_level_0__.
        var textColumn = new[] { "task", "__index_level_0__" }.FirstOrDefault(table.Has)
            ?? throw new VlaException($"{file}: column 'task' not found", $"the file's columns: {string.Join(", ", table.Columns)}");
        var indices = table.Integers("task_index");
        var texts = table.Strings(textColumn);
        var tasks = new Dictionary<long, string>();
        for (var i = 0; i < indices.Length; i++)
            tasks[indices[i]] = texts[i] ?? throw new VlaException($"{file}: column '{textColumn}' has a null at row {i}");
        return tasks;
    }

    private static Dictionary<long, string> FromJsonLines(string file)
    {
        var tasks = new Dictionary<long, string>();
        foreach (var (line, number) in JsonLines.Read(file, "tasks"))
        {
            var index = JsonLines.Long(line, "task_index", file, number);
            tasks[index] = line.TryGetProperty("task", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()!
                : throw new VlaException($"{file}: line {number}: 'task' is missing or not a string");
        }
        return tasks;
    }
}
