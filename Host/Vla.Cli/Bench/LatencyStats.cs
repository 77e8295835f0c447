namespace Vla.Cli.Bench;

/// <summary>Summary of repeated wall-clock samples in milliseconds. Throughput uses the mean (total work over total
/// time); p50/p99 describe what one caller waits.</summary>
internal sealed record LatencyStats(double P50, double P99, double Mean, int Count)
{
    public static LatencyStats From(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0) throw new ArgumentException("no samples", nameof(milliseconds));
        var sorted = milliseconds.Order().ToArray();
        return new LatencyStats(Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Average(), sorted.Length);
    }

    /// <summary>Nearest-rank percentile (no interpolation: with few samples p99 is the slowest one, which is honest).</summary>
    private static double Percentile(double[] sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
