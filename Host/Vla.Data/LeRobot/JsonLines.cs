using System.Text.Json;
using Vla.Abstractions;

namespace Vla.Data.LeRobot;

/// <summary>The JSON-lines metadata files of LeRobot v2.x (meta/episodes.jsonl, meta/tasks.jsonl), with errors naming file and line.</summary>
internal static class JsonLines
{
    public static IEnumerable<(JsonElement Line, int Number)> Read(string file, string role)
    {
        if (!File.Exists(file))
            throw new VlaException($"{file}: {role} metadata not found", "a LeRobot v2.x dataset has meta/episodes.jsonl and meta/tasks.jsonl: re-download meta/");
        var number = 0;
        foreach (var text in File.ReadLines(file))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonElement line;
            try
            {
                using var json = JsonDocument.Parse(text);
                line = json.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new VlaException($"{file}: line {number} is not valid JSON: {e.Message}", "the file is damaged: re-download meta/");
            }
            if (line.ValueKind != JsonValueKind.Object) throw new VlaException($"{file}: line {number} is not a JSON object");
            yield return (line, number);
        }
    }

    public static long Long(JsonElement line, string key, string file, int number) =>
        line.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var value)
            ? value
            : throw new VlaException($"{file}: line {number}: '{key}' is missing or not an integer");
}
