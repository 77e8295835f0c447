using System.Diagnostics;
using Vla.Abstractions;
using Vla.Core.Plugins;

namespace Vla.Cli.Bench;

/// <summary>
/// Runs the whole measurement in one process, so every ratio compares numbers taken under the same machine load:
/// inference of both policies on both engines, the cost-model parts, training throughput, the matmul peak.
/// </summary>
internal static class BenchRunner
{
    public static BenchResult Run(Recipe recipe, PartCatalog catalog, BenchSettings settings, IProgress<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var loadBefore = MachineState.LoadAverage();
        progress?.Report("building both policies (1 training step each, ONNX export)...");
        using var policies = BenchPolicies.Build(recipe, catalog);
        progress?.Report("timing both policies on both engines (interleaved rounds)...");
        var runs = EngineThroughput.Measure(policies, catalog, settings, progress);
        var costModels = settings.Threads.SelectMany(t => new[]
        {
            TorchCostModel(t, policies, catalog, settings, runs, progress),
            OrtCostModel(t, policies, settings, runs, progress),
        }).ToList();

        // The square shape only: the MLP shape needs the sequence length, which the training timing reports.
        progress?.Report("fp32 matmul peak, before training...");
        var matmuls = MatmulPeaks(recipe, null, settings, "before training");

        // Training with the process's allocator as `vla train` runs today, then with glibc keeping freed memory (see
        // NativeAllocator); the tuning stays on for the rest of the run (the second matmul peak, the block profile and
        // the loader).
        var timings = TrainAtEachThreadCount(recipe, policies, catalog, settings, NativeAllocator.Default, progress);
        if (settings.TuneAllocator && NativeAllocator.RetainFreedMemory())
            timings.AddRange(TrainAtEachThreadCount(recipe, policies, catalog, settings, NativeAllocator.Retaining, progress));
        var first = timings[0].Timing;
        var flops = ModelFlops.Of(recipe, first.Slots, first.ExtraTokens);

        var length = recipe.Cameras.Count * recipe.Vision.TokensPerCamera(recipe.ImageSize) + (recipe.ProprioDim > 0 ? 1 : 0)
            + recipe.MaxInstructionTokens + first.ExtraTokens + first.Slots;
        progress?.Report("fp32 matmul peak, after training...");
        matmuls.AddRange(MatmulPeaks(recipe, length, settings, "after training"));
        var peak = matmuls.Max(m => m.Gflops);
        var width = recipe.Backbone.Width;
        var threadsMax = settings.Threads.Max();
        progress?.Report($"one backbone block's forward + backward in parts, {threadsMax} threads...");
        var block = BlockProfile.Measure(recipe.Training.BatchSize, length, width, recipe.Backbone.Heads, recipe.Backbone.MlpRatio,
            threadsMax, settings.Warmup, settings.PartIterations);
        progress?.Report("streaming loader (HDF5 on disk, cache off, augmented)...");
        var loader = LoaderTimer.Measure(recipe, settings.LoaderEpisodes, settings.LoaderSteps, settings.LoaderBatches);
        var trainings = timings.Select(t => new TrainingRun(t.Timing, flops, peak, t.Allocator)).ToList();
        // The recipe's peak memory, taken before the reference shape's larger (128 px) batches would set it.
        var peakRss = MachineState.PeakRssMb();
        var reference = TrainReferenceShape(recipe, catalog, settings, peak, trainings.MaxBy(t => t.Timing.StepsPerSecond)!, progress);
        return new BenchResult(recipe, policies.Autoregressive, runs, costModels, trainings, matmuls, loader, block,
            peakRss, loadBefore, MachineState.LoadAverage(), clock.Elapsed.TotalSeconds) { ReferenceTraining = reference };
    }

    /// <summary>torch.mm at 1024^3 and, given the training sequence length, at the backbone MLP's training shape
    /// ((batch * sequence) x width x (mlp_ratio * width)), at each thread count.</summary>
    private static List<MatmulPeak.Result> MatmulPeaks(Recipe recipe, int? length, BenchSettings settings, string when) =>
        settings.Threads.SelectMany(threads =>
        {
            var square = MatmulPeak.Measure(1024, 1024, 1024, settings.MatmulRuns, threads, settings.MatmulSeconds, when);
            if (length is not { } l) return [square];
            var width = recipe.Backbone.Width;
            return new[] { square, MatmulPeak.Measure((long)recipe.Training.BatchSize * l, width, (long)recipe.Backbone.MlpRatio * width,
                settings.MatmulRuns, threads, settings.MatmulSeconds, when) };
        }).ToList();

    private static List<(TrainingTimer.Result Timing, string Allocator)> TrainAtEachThreadCount(Recipe recipe, BenchPolicies policies,
        PartCatalog catalog, BenchSettings settings, string allocator, IProgress<string>? progress) =>
        settings.Threads.Select(threads =>
        {
            progress?.Report($"training steps at batch {recipe.Training.BatchSize}, {threads} threads, {allocator}...");
            return (TrainingTimer.Measure(recipe, policies.Episodes, catalog, threads, settings.TrainWarmupSteps, settings.TrainSteps), allocator);
        }).ToList();

    /// <summary>Training of <see cref="ReferenceShape"/> at the recipe's fastest setting (thread count; the allocator is
    /// already as that setting had it when it was the tuned one), against the same peak.</summary>
    private static TrainingRun TrainReferenceShape(Recipe recipe, PartCatalog catalog, BenchSettings settings, double peak,
        TrainingRun fastest, IProgress<string>? progress)
    {
        var reference = ReferenceShape.Of(recipe);
        var threads = fastest.Timing.Threads;
        progress?.Report($"training steps of the reference shape ({ReferenceShape.Description}), {threads} threads...");
        var timing = TrainingTimer.Measure(reference, RandomData.TrainingEpisodes(reference), catalog, threads, settings.TrainWarmupSteps, settings.TrainSteps);
        return new TrainingRun(timing, ModelFlops.Of(reference, timing.Slots, timing.ExtraTokens), peak, NativeAllocator.Process);
    }

    private static CostModelRun TorchCostModel(int threads, BenchPolicies policies, PartCatalog catalog, BenchSettings settings,
        IReadOnlyList<EngineRun> runs, IProgress<string>? progress)
    {
        using var _ = new TorchThreads(threads);
        using var parallel = TorchParts.LoadModel(policies.ParallelRun, catalog);
        using var autoregressive = TorchParts.LoadModel(policies.AutoregressiveRun, catalog);
        using var batch = TorchParts.Batch(policies.Parallel, 1);
        var (prefix, step, chunk) = TorchParts.Measure(parallel, autoregressive, batch, settings.Warmup, settings.PartIterations);
        var model = new CostModel(prefix.P50, step.P50, chunk.P50, policies.Parallel.Chunk, policies.Parallel.ActionDim);
        return Report(new CostModelRun(Onnx.PolicyEngine.Torch, threads, model, prefix, step, chunk,
            MeasuredRatio(runs, Onnx.PolicyEngine.Torch, threads)), progress);
    }

    private static CostModelRun OrtCostModel(int threads, BenchPolicies policies, BenchSettings settings, IReadOnlyList<EngineRun> runs,
        IProgress<string>? progress)
    {
        var steps = policies.Parallel.ActionDim - 1;   // the prefill graph already yields the first token
        var (prefill, step, chunk) = OrtParts.Measure(policies.ParallelRun, policies.AutoregressiveRun, threads, steps,
            settings.Warmup, settings.PartIterations);
        var model = new CostModel(prefill.P50, step.P50, chunk.P50, policies.Parallel.Chunk, steps);
        return Report(new CostModelRun(Onnx.PolicyEngine.Ort, threads, model, prefill, step, chunk,
            MeasuredRatio(runs, Onnx.PolicyEngine.Ort, threads)), progress);
    }

    /// <summary>Parallel over autoregressive actions/s measured end to end on one engine and thread count at batch 1.</summary>
    private static double MeasuredRatio(IReadOnlyList<EngineRun> runs, string engine, int threads)
    {
        double Rate(string policy) => runs.Single(r => r.Policy == policy && r.Engine == engine && r.Threads == threads && r.Batch == 1)
            .ActionsPerSecond;
        return Rate(EngineRun.ParallelPolicy) / Rate(EngineRun.AutoregressivePolicy);
    }

    private static CostModelRun Report(CostModelRun run, IProgress<string>? progress)
    {
        progress?.Report($"cost model, {run.Engine} {run.Threads}t: {run.Model.Formula} (measured {run.MeasuredRatio:F1}x)");
        return run;
    }
}
