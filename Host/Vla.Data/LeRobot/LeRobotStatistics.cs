using System.Text.Json.Nodes;
using Vla.Core.Data;

namespace Vla.Data.LeRobot;

/// <summary>
/// meta/stats.json entries as LeRobot writes them: per feature min, max, mean, std, count and the quantiles q01, q10,
/// q50, q90, q99 (LeRobot's defaults; its normalisers use mean/std, min/max or q01/q99). Exact here, not sketched:
/// vectors are sorted per dimension, and camera pixels (integers 0..255) are counted in a 256-bin histogram per
/// channel, whose order statistics are exact. Camera statistics are per channel on [0, 1], shaped (3, 1, 1).
/// </summary>
internal static class LeRobotStatistics
{
    private static readonly (string Key, double Q)[] Quantiles = [("q01", 0.01), ("q10", 0.10), ("q50", 0.50), ("q90", 0.90), ("q99", 0.99)];

    /// <summary>Statistics of a vector feature: one value per dimension.</summary>
    public static JsonObject Vector(IReadOnlyList<float[]> rows)
    {
        var dim = rows[0].Length;
        var stats = Empty();
        var column = new double[rows.Count];
        for (var d = 0; d < dim; d++)
        {
            for (var i = 0; i < rows.Count; i++) column[i] = rows[i][d];
            Array.Sort(column);
            var mean = column.Average();
            var values = new Dictionary<string, double>
            {
                ["min"] = column[0], ["max"] = column[^1], ["mean"] = mean,
                ["std"] = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / column.Length),
            };
            foreach (var (key, q) in Quantiles) values[key] = StatisticsCalculator.Quantile(column, q);
            foreach (var (key, value) in values) ((JsonArray)stats[key]!).Add(value);
        }
        stats["count"] = new JsonArray(rows.Count);
        return stats;
    }

    /// <summary>Statistics of a camera: every pixel of every frame, per channel, scaled to [0, 1].</summary>
    public static JsonObject Camera(IEnumerable<byte[]> frames)
    {
        var histogram = new long[3, 256];
        long frameCount = 0;
        foreach (var frame in frames)
        {
            frameCount++;
            for (var i = 0; i < frame.Length; i += 3)
            {
                histogram[0, frame[i]]++;
                histogram[1, frame[i + 1]]++;
                histogram[2, frame[i + 2]]++;
            }
        }
        var stats = Empty();
        for (var c = 0; c < 3; c++)
        {
            var counts = Enumerable.Range(0, 256).Select(v => histogram[c, v]).ToArray();
            var n = counts.Sum();
            var mean = Enumerable.Range(0, 256).Sum(v => (double)v * counts[v]) / n;
            var variance = Enumerable.Range(0, 256).Sum(v => (v - mean) * (v - mean) * counts[v]) / n;
            var values = new Dictionary<string, double>
            {
                ["min"] = Array.FindIndex(counts, k => k > 0), ["max"] = Array.FindLastIndex(counts, k => k > 0),
                ["mean"] = mean, ["std"] = Math.Sqrt(variance),
            };
            foreach (var (key, q) in Quantiles) values[key] = HistogramQuantile(counts, n, q);
            foreach (var (key, value) in values) ((JsonArray)stats[key]!).Add(new JsonArray(new JsonArray(value / 255.0)));
        }
        stats["count"] = new JsonArray(frameCount);
        return stats;
    }

    private static JsonObject Empty()
    {
        var stats = new JsonObject();
        foreach (var key in new[] { "min", "max", "mean", "std" }.Concat(Quantiles.Select(q => q.Key))) stats[key] = new JsonArray();
        return stats;
    }

    /// <summary>numpy's linear quantile over the sorted values a histogram stands for.</summary>
    private static double HistogramQuantile(long[] counts, long n, double q)
    {
        var position = q * (n - 1);
        var lower = (long)Math.Floor(position);
        var (low, high) = (OrderStatistic(counts, lower), OrderStatistic(counts, Math.Min(lower + 1, n - 1)));
        return low + (position - lower) * (high - low);
    }

    private static int OrderStatistic(long[] counts, long rank)
    {
        long seen = 0;
        for (var v = 0; v < counts.Length; v++)
        {
            seen += counts[v];
            if (rank < seen) return v;
        }
        return counts.Length - 1;
    }
}
