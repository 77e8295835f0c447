using System.Text.Json;

namespace Vla.Abstractions;

/// <summary>Statistics stored beside a dataset and inside every checkpoint, so a policy maps raw to raw.</summary>
public sealed record DatasetStatistics(FeatureStatistics Action, FeatureStatistics? Proprio, int Episodes, long Frames)
{
    public string ToJson() => JsonSerializer.Serialize(this, Recipe.JsonOptions);

    public static DatasetStatistics FromJson(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<DatasetStatistics>(json, Recipe.JsonOptions)
                   ?? throw new VlaException($"{source} is empty");
        }
        catch (JsonException e)
        {
            throw new VlaException($"{source} is not valid statistics JSON: {e.Message}",
                "delete it and recompute (vla stats --data DIR)");
        }
    }
}
