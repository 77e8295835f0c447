namespace Vla.Cli.Bench;

/// <summary>How much to measure. <see cref="Quick"/> keeps the code paths but few iterations (tests, smoke runs), and
/// leaves the process's allocator alone (<see cref="TuneAllocator"/>: the change cannot be undone and would outlive a
/// test).</summary>
internal sealed record BenchSettings(
    int Warmup,
    int Rounds,
    int Batch1Iterations,
    int BatchNIterations,
    int PartIterations,
    int TrainWarmupSteps,
    int TrainSteps,
    int MatmulRuns,
    double MatmulSeconds,
    IReadOnlyList<int> Threads,
    IReadOnlyList<int> Batches,
    bool TuneAllocator,
    int LoaderEpisodes,
    int LoaderSteps,
    int LoaderBatches)
{
    public static BenchSettings Full { get; } = new(Warmup: 3, Rounds: 5, Batch1Iterations: 100, BatchNIterations: 30, PartIterations: 60,
        TrainWarmupSteps: 2, TrainSteps: 12, MatmulRuns: 5, MatmulSeconds: 0.3, Threads: [1, 2], Batches: [1, 8], TuneAllocator: true,
        LoaderEpisodes: 8, LoaderSteps: 40, LoaderBatches: 40);

    public static BenchSettings Quick { get; } = new(Warmup: 1, Rounds: 1, Batch1Iterations: 3, BatchNIterations: 2, PartIterations: 3,
        TrainWarmupSteps: 1, TrainSteps: 2, MatmulRuns: 1, MatmulSeconds: 0.05, Threads: [1, 2], Batches: [1, 8],
        TuneAllocator: false, LoaderEpisodes: 2, LoaderSteps: 8, LoaderBatches: 2);
}
