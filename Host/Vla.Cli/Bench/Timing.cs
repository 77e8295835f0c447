using System.Diagnostics;
using static TorchSharp.torch;

namespace Vla.Cli.Bench;

/// <summary>Times an action after warm-up (first calls pay for allocation, thread start-up and lazy init).</summary>
internal static class Timing
{
    /// <summary>Stop early once this much time went into one measurement (after <see cref="MinimumSamples"/>): a
    /// configuration that is pathologically slow under load (OpenMP threads waiting for descheduled peers) must not
    /// take minutes; the sample count is reported with the numbers.</summary>
    public const double BudgetSeconds = 15;

    public const int MinimumSamples = 5;

    public static LatencyStats Measure(Action action, int warmup, int iterations)
    {
        for (var i = 0; i < warmup; i++) Once(action);
        var samples = new List<double>(iterations);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            samples.Add(Once(action));
            if (clock.Elapsed.TotalSeconds > BudgetSeconds && samples.Count >= MinimumSamples) break;
        }
        return LatencyStats.From(samples);
    }

    /// <summary>One timed call in its own dispose scope, so tensors made inside never pile up across iterations.</summary>
    public static double Once(Action action)
    {
        using var scope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalMilliseconds;
    }
}
