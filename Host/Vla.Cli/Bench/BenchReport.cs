using System.Globalization;
using System.Text;

namespace Vla.Cli.Bench;

/// <summary>The bench as a Markdown table plus explanation lines (printed, and written to bench.md with --out).</summary>
internal static class BenchReport
{
    public static string Markdown(BenchResult r)
    {
        // Numbers with '.' whatever the user's locale: the file is read by scripts and people alike.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return Write(r);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static string Write(BenchResult r)
    {
        var s = new StringBuilder();
        var b1 = r.Best(EngineRun.ParallelPolicy, 1);
        s.AppendLine($"# vla bench: {r.Recipe.Name}");
        s.AppendLine();
        s.AppendLine($"parallel + chunking = `{r.Recipe.Name}` ({r.Recipe.Decoder}, {r.Recipe.Head}, K={r.Recipe.Chunk}, D={r.Recipe.ActionDim}); " +
                     $"baseline = `{r.Baseline.Name}` (autoregressive with KV cache, discrete tokens, one query per action, D tokens); " +
                     $"same vision encoder, cameras, proprio and backbone ({r.Recipe.Backbone.Depth}x{r.Recipe.Backbone.Width}). Random weights.");
        s.AppendLine();
        s.AppendLine("| policy | engine | threads | batch | actions/s | chunk p50 ms | chunk p99 ms |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var run in r.Runs)
            s.AppendLine($"| {run.Policy} | {run.Engine} | {run.Threads} | {run.Batch} | {run.ActionsPerSecond:F1} | {run.Latency.P50:F2} | {run.Latency.P99:F2} |");
        s.AppendLine();
        foreach (var batch in r.Runs.Select(x => x.Batch).Distinct())
        {
            var (p, a) = (r.Best(EngineRun.ParallelPolicy, batch), r.Best(EngineRun.AutoregressivePolicy, batch));
            s.AppendLine($"- batch {batch}: parallel + chunking vs autoregressive = {p.ActionsPerSecond:F1} ({p.Label}) / " +
                         $"{a.ActionsPerSecond:F1} ({a.Label}) = **{r.ParallelVsAutoregressive(batch):F1}x** (each on its best engine)");
        }
        foreach (var c in r.CostModels)
            s.AppendLine($"- cost model, {c.Engine} {c.Threads}t, batch 1, p50 parts: (t_prefix + n * t_decode_step) / (t_chunk / K) = " +
                         $"{c.Model.Formula}; measured end to end on {c.Engine} {c.Threads}t: {c.MeasuredRatio:F1}x" +
                         (c.Engine == Onnx.PolicyEngine.Ort ? " (prefill graph includes the start token: n = D - 1)" : " (n = D)"));
        s.AppendLine($"- ONNX Runtime vs TorchSharp eager, batch 1 (best thread count each): **{r.OrtVsTorch():F2}x** " +
                     $"(autoregressive baseline: {r.OrtVsTorch(EngineRun.AutoregressivePolicy):F2}x)");
        s.AppendLine($"- {r.Recipe.Name} at batch 1, best engine ({b1.Label}): {b1.ActionsPerSecond:F0} actions/s, " +
                     $"chunk p50 {b1.Latency.P50:F2} ms, p99 {b1.Latency.P99:F2} ms");
        var f = r.Flops;
        s.AppendLine($"- model FLOPs (matmuls only; forward per sample: vision {f.Vision / 1e6:F1} + projections {f.Projection / 1e6:F1} + " +
                     $"backbone {f.Backbone / 1e6:F1} + head {f.Head / 1e6:F1}{(f.HeadCounted ? "" : " (not counted)")} MFLOP; " +
                     $"training = 3x forward): {r.Training.FlopsPerStep / 1e9:F1} GFLOP per step at batch {r.Training.Timing.BatchSize}");
        foreach (var t in r.Trainings)
            s.AppendLine($"- training, {t.Label}: {t.Timing.StepsPerSecond:F2} steps/s (step p50 {t.Timing.StepMs.P50:F0} ms = " +
                         $"forward {t.Timing.ForwardMs:F0} + backward {t.Timing.BackwardMs:F0} + clip/AdamW {t.Timing.OptimizerMs:F0} ms, means), " +
                         $"{t.Gflops:F1} GFLOP/s = MFU {t.Mfu:P0}; forward without autograd {t.Timing.LossNoGradMs:F0} ms, of which prefix " +
                         $"(vision + projections) {t.Timing.PrefixNoGradMs:F0} ms = {t.Timing.PrefixNoGradMs / t.Timing.LossNoGradMs:P0} " +
                         $"(FLOP share {(r.Flops.Vision + r.Flops.Projection) / r.Flops.Forward:P0})");
        s.AppendLine($"- **MFU {r.Mfu:P0}** (fastest training setting: {r.Training.Label}; {r.DefaultAllocatorTraining.Mfu:P0} with the default " +
                     $"allocator, {r.DefaultAllocatorTraining.Label}; {r.Training.Timing.Parameters:N0} parameters) " +
                     $"of the measured fp32 matmul peak {r.MatmulPeakGflops:F1} GFLOP/s (best of:");
        foreach (var m in r.Matmuls)
            s.AppendLine($"  - torch.mm {m.M}x{m.K} @ {m.K}x{m.N}, {m.Threads} threads, {m.When}: {m.Gflops:F1} GFLOP/s (best run)");
        s.AppendLine("  )");
        if (r.ReferenceTraining is { } reference)
            s.AppendLine($"- the same training code at ENVIRONMENT.md's calibration shape ({ReferenceShape.Description}; " +
                         $"{reference.Timing.Parameters:N0} parameters), {reference.Label}: {reference.Timing.StepsPerSecond:F2} steps/s, " +
                         $"{reference.FlopsPerStep / 1e9:F1} GFLOP per step, {reference.Gflops:F1} GFLOP/s = **MFU {reference.Mfu:P0}**" +
                         (reference.Mfu > r.Mfu + 0.05 ? ": the default's gap to the peak is mostly its small matmuls, not the training loop" : ""));
        var b = r.Block;
        s.AppendLine($"- where a step's time goes: one backbone block (batch {b.Batch} x {b.Length} tokens x width {b.Width}, {b.Heads} heads, " +
                     $"{b.Threads} threads), forward + backward {b.Block.Mean:F1} ms = {b.BlockGflops:F0} GFLOP/s " +
                     $"({b.BlockGflops / r.MatmulPeakGflops:P0} of peak): its four linears alone {b.Linears.Mean:F1} ms at {b.LinearGflops:F0} GFLOP/s " +
                     $"({b.LinearGflops / r.MatmulPeakGflops:P0}; {b.LinearFlops / (b.LinearFlops + b.AttentionFlops):P0} of its FLOPs); " +
                     $"the fused attention core {b.Attention.Mean:F1} ms at {b.AttentionGflops:F0} GFLOP/s ({b.AttentionGflops / r.MatmulPeakGflops:P0}; " +
                     $"{b.AttentionWrittenOut.Mean:F1} ms written out as separate ops); " +
                     $"the rest (LayerNorms, GELU, residuals, reshapes; no FLOPs counted) {b.OtherMs:F1} ms = {b.OtherMs / b.Block.Mean:P0} of the block");
        s.AppendLine($"- streaming loader (HDF5 on disk, {r.Loader.StoredSize} px frames resized to {r.Recipe.ImageSize} px and augmented, cache off, " +
                     $"{r.Loader.DatasetBytes / 1e6:F0} MB): **{r.Loader.SamplesPerSecond:F0} samples/s** vs training " +
                     $"{r.TrainSamplesPerSecond:F1} samples/s ({r.Training.Label}) = **{r.LoaderVsTraining:F1}x**; the source holds at most " +
                     $"{r.Loader.MemoryBoundMb:F0} MB (read-ahead batches) plus its frame cache (`--cache-mb`)");
        s.AppendLine($"- peak memory (VmHWM): {r.PeakRssMb:F0} MB{(r.ReferenceTraining is null ? "" : ", before the calibration shape's training")}");
        s.AppendLine($"- load average before / after: {Load(r.LoadBefore)} / {Load(r.LoadAfter)} on {Environment.ProcessorCount} cores; {r.Seconds:F0} s in all");
        return s.ToString();
    }

    private static string Load(double[] load) => load.Length == 0 ? "n/a" : string.Join(" ", load.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));

}
