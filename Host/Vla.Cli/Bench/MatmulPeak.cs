using System.Diagnostics;
using static TorchSharp.torch;

namespace Vla.Cli.Bench;

/// <summary>
/// This machine's fp32 matmul rate with torch.mm, the denominator of model-FLOP utilisation: the best of a few timed
/// runs (the machine is shared; the best run is the closest to what the cores can do). `vla bench` measures it before
/// and after the training timing: this VM's rate moves by a third between minutes (190-315 GFLOP/s at 2 threads over
/// sessions 15-17), and a peak taken once could fall in a slow minute and flatter the MFU.
/// </summary>
internal static class MatmulPeak
{
    /// <param name="When">"before training" or "after training" (the bench's timing it was taken beside)</param>
    public sealed record Result(long M, long K, long N, int Threads, double Gflops, string When);

    /// <param name="seconds">wall time of one run: long enough that timer and dispatch overheads vanish, bounded so a
    /// tiny shape on a contended machine cannot take minutes</param>
    public static Result Measure(long m, long k, long n, int runs, int threads, double seconds, string when)
    {
        using var _ = new TorchThreads(threads);
        using var scope = NewDisposeScope();
        var a = randn(m, k);
        var b = randn(k, n);
        var flops = 2.0 * m * k * n;
        for (var i = 0; i < 2; i++) mm(a, b).Dispose();
        var best = 0.0;
        for (var r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            var calls = 0;
            do
            {
                mm(a, b).Dispose();
                calls++;
            } while (clock.Elapsed.TotalSeconds < seconds);
            best = Math.Max(best, calls * flops / clock.Elapsed.TotalSeconds / 1e9);
        }
        return new Result(m, k, n, threads, best, when);
    }
}
