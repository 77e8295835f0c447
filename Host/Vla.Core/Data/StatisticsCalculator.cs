using Vla.Abstractions;

namespace Vla.Core.Data;

/// <summary>Exact per-dimension statistics (mean, std, min, max, q01, q99) of actions and proprio.</summary>
public static class StatisticsCalculator
{
    public static DatasetStatistics Compute(IReadOnlyList<Episode> episodes)
    {
        if (episodes.Count == 0) throw new VlaException("the dataset has no episodes", "check the --data folder");
        var actions = episodes.SelectMany(e => e.Actions).ToList();
        var proprio = episodes.SelectMany(e => e.Proprio).ToList();
        return new DatasetStatistics(Feature(actions, "actions"),
            proprio.Count > 0 && proprio[0].Length > 0 ? Feature(proprio, "proprio") : null, episodes.Count, actions.Count);
    }

    public static FeatureStatistics Feature(IReadOnlyList<float[]> rows, string name)
    {
        var dim = rows[0].Length;
        if (rows.Any(r => r.Length != dim))
            throw new VlaException($"'{name}' rows have different lengths", "every step must have the same dimensions");
        var s = new FeatureStatistics(new float[dim], new float[dim], new float[dim], new float[dim], new float[dim], new float[dim]);
        var column = new double[rows.Count];
        for (var d = 0; d < dim; d++)
        {
            for (var i = 0; i < rows.Count; i++) column[i] = rows[i][d];
            Array.Sort(column);
            var mean = column.Average();
            s.Mean[d] = (float)mean;
            s.Std[d] = (float)Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / column.Length);
            s.Min[d] = (float)column[0];
            s.Max[d] = (float)column[^1];
            s.Q01[d] = (float)Quantile(column, 0.01);
            s.Q99[d] = (float)Quantile(column, 0.99);
        }
        return s;
    }

    /// <summary>Linear interpolation between order statistics (numpy's default).</summary>
    public static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
