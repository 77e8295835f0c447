namespace Vla.Abstractions;

/// <summary>Per-dimension statistics of one feature (actions or proprio) over a dataset.</summary>
public sealed record FeatureStatistics(float[] Mean, float[] Std, float[] Min, float[] Max, float[] Q01, float[] Q99)
{
    public int Dim => Mean.Length;

    /// <summary>Throws naming <paramref name="feature"/> when the arrays disagree with each other or with dim.</summary>
    public FeatureStatistics Validate(string feature, int expectedDim)
    {
        foreach (var (name, a) in new[] { ("mean", Mean), ("std", Std), ("min", Min), ("max", Max), ("q01", Q01), ("q99", Q99) })
        {
            if (a is null || a.Length != expectedDim)
                throw new VlaException(
                    $"statistics for '{feature}.{name}' have {a?.Length ?? 0} dimensions but the data has {expectedDim}",
                    "recompute them for this dataset (vla stats --data DIR)");
            if (a.Any(v => !float.IsFinite(v)))
                throw new VlaException($"statistics for '{feature}.{name}' contain NaN or infinity",
                    "the dataset has non-finite values: clean it and recompute the statistics");
        }
        return this;
    }
}
