using System.Text.Json;

namespace Vla.Abstractions;

/// <summary>
/// A part's own settings from the recipe (e.g. <c>"head_options": {"inference_steps": 10}</c>). Readers validate
/// type and range and name the recipe field in the error, so parts need no option classes of their own.
/// </summary>
public sealed class PartOptions
{
    private readonly IReadOnlyDictionary<string, JsonElement> _values;

    public PartOptions(string field, IReadOnlyDictionary<string, JsonElement>? values)
    {
        Field = field;
        _values = values ?? new Dictionary<string, JsonElement>();
    }

    public static PartOptions Empty(string field) => new(field, null);

    /// <summary>The recipe field these options came from, e.g. "head_options".</summary>
    public string Field { get; }

    public IEnumerable<string> Names => _values.Keys;

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!_values.TryGetValue(name, out var v)) return fallback;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i))
            throw new RecipeException($"{Field}.{name}", $"expected an integer, got {v.GetRawText()}");
        return InRange(name, i, min, max);
    }

    public double Double(string name, double fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!_values.TryGetValue(name, out var v)) return fallback;
        if (v.ValueKind != JsonValueKind.Number)
            throw new RecipeException($"{Field}.{name}", $"expected a number, got {v.GetRawText()}");
        return InRange(name, v.GetDouble(), min, max);
    }

    /// <summary>Refuses option names the part does not know (a typo would otherwise be silently ignored).</summary>
    public void RejectUnknown(params string[] known)
    {
        foreach (var name in _values.Keys)
            if (!known.Contains(name))
                throw new RecipeException($"{Field}.{name}", "unknown option",
                    known.Length == 0 ? "this part takes no options" : $"valid options: {string.Join(", ", known)}");
    }

    private T InRange<T>(string name, T value, T min, T max) where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
            throw new RecipeException($"{Field}.{name}", $"{value} is out of range [{min}, {max}]");
        return value;
    }
}
