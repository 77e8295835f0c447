namespace Vla.Cli.Bench;

/// <summary>Training throughput at one thread count turned into model-FLOP utilisation: achieved FLOP/s over the
/// machine's measured matmul peak (the best over all thread counts: what the cores can do, not what one setting gets).</summary>
internal sealed record TrainingRun(TrainingTimer.Result Timing, ModelFlops Flops, double PeakGflops, string Allocator)
{
    public double FlopsPerStep => Flops.TrainingStep(Timing.BatchSize);

    public double Gflops => FlopsPerStep * Timing.StepsPerSecond / 1e9;

    public double Mfu => Gflops / PeakGflops;

    public string Label => $"torch {Timing.Threads}t, {Allocator}";
}
