using Vla.Abstractions;

namespace Vla.Cli.Bench;

/// <summary>Everything one `vla bench` run measured, and the headline numbers derived from it.</summary>
internal sealed record BenchResult(
    Recipe Recipe,
    Recipe Baseline,
    IReadOnlyList<EngineRun> Runs,
    IReadOnlyList<CostModelRun> CostModels,
    IReadOnlyList<TrainingRun> Trainings,
    IReadOnlyList<MatmulPeak.Result> Matmuls,
    LoaderTimer.Result Loader,
    BlockProfile.Result Block,
    double PeakRssMb,
    double[] LoadBefore,
    double[] LoadAfter,
    double Seconds)
{
    public EngineRun Best(string policy, int batch, string? engine = null) =>
        Runs.Where(r => r.Policy == policy && r.Batch == batch && (engine is null || r.Engine == engine))
            .MaxBy(r => r.ActionsPerSecond) ?? throw new InvalidOperationException($"no run of {policy} {engine} at batch {batch}");

    /// <summary>Each side on its best engine and thread count (the baseline is never handicapped).</summary>
    public double ParallelVsAutoregressive(int batch) =>
        Best(EngineRun.ParallelPolicy, batch).ActionsPerSecond / Best(EngineRun.AutoregressivePolicy, batch).ActionsPerSecond;

    /// <summary>The recipe's policy at batch 1: ONNX Runtime's best thread count over TorchSharp's best.</summary>
    public double OrtVsTorch(string policy = EngineRun.ParallelPolicy, int batch = 1) =>
        Best(policy, batch, Onnx.PolicyEngine.Ort).ActionsPerSecond / Best(policy, batch, Onnx.PolicyEngine.Torch).ActionsPerSecond;

    public double MatmulPeakGflops => Matmuls.Max(m => m.Gflops);

    /// <summary>Training at its fastest setting (thread count, allocator), as a user would pick it.</summary>
    public TrainingRun Training => Trainings.MaxBy(t => t.Timing.StepsPerSecond)!;

    /// <summary>Training as `vla train` runs today (process allocator untouched), at its fastest thread count.</summary>
    public TrainingRun DefaultAllocatorTraining =>
        Trainings.Where(t => t.Allocator == NativeAllocator.Default).MaxBy(t => t.Timing.StepsPerSecond)!;

    public ModelFlops Flops => Training.Flops;

    /// <summary>Samples per second the fastest training setting consumes.</summary>
    public double TrainSamplesPerSecond => Training.Timing.StepsPerSecond * Training.Timing.BatchSize;

    /// <summary>How many times faster the streaming loader delivers samples than training consumes them (want > 1).</summary>
    public double LoaderVsTraining => Loader.SamplesPerSecond / TrainSamplesPerSecond;

    public double Mfu => Training.Mfu;

    /// <summary>Training of <see cref="ReferenceShape"/> (ENVIRONMENT.md's calibration model) at the recipe's fastest
    /// setting; null when not measured.</summary>
    public TrainingRun? ReferenceTraining { get; init; }

    /// <summary>The cost model on the engine and thread count of the parallel policy's best batch-1 run (the headline
    /// ratio's numerator).</summary>
    public CostModelRun HeadlineCostModel
    {
        get
        {
            var best = Best(EngineRun.ParallelPolicy, 1);
            return CostModels.FirstOrDefault(c => c.Engine == best.Engine && c.Threads == best.Threads) ?? CostModels[0];
        }
    }
}
