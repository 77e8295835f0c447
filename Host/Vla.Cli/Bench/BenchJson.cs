namespace Vla.Cli.Bench;

/// <summary>The `--json` object (and bench.json): headline numbers first, then every measurement behind them.</summary>
internal static class BenchJson
{
    public static object Create(BenchResult r)
    {
        var best = r.Best(EngineRun.ParallelPolicy, 1);
        var bestOrt = r.Best(EngineRun.ParallelPolicy, 1, Onnx.PolicyEngine.Ort);
        var cost = r.HeadlineCostModel;
        return new
        {
            recipe = r.Recipe.Name,
            baseline = r.Baseline.Name,
            pd_ac_vs_ar_actions_per_s_ratio = r.ParallelVsAutoregressive(1),
            pd_ac_vs_ar_actions_per_s_ratio_batch8 = r.Runs.Any(x => x.Batch == 8) ? r.ParallelVsAutoregressive(8) : (double?)null,
            cost_model_ratio = cost.Model.Ratio,
            cost_model_engine = $"{cost.Engine} {cost.Threads}t",
            ort_vs_torchsharp_speedup = r.OrtVsTorch(),
            actions_per_s_ort = bestOrt.ActionsPerSecond,
            actions_per_s_ort_threads = bestOrt.Threads,
            p99_chunk_latency_ms = best.Latency.P99,
            p50_chunk_latency_ms = best.Latency.P50,
            best_engine = best.Engine,
            best_engine_threads = best.Threads,
            mfu_train = r.Mfu,
            mfu_train_setting = r.Training.Label,
            allocator = NativeAllocator.Process,
            mfu_train_default_allocator = r.DefaultAllocatorTraining.Mfu,
            mfu_train_reference_shape = r.ReferenceTraining?.Mfu,
            reference_shape = r.ReferenceTraining is { } reference
                ? new { description = ReferenceShape.Description, parameters = reference.Timing.Parameters, steps_per_s = reference.Timing.StepsPerSecond,
                        gflop_per_step = reference.FlopsPerStep / 1e9, gflops = reference.Gflops, threads = reference.Timing.Threads }
                : null,
            train_steps_per_s = r.Training.Timing.StepsPerSecond,
            train_threads = r.Training.Timing.Threads,
            train_gflop_per_step = r.Training.FlopsPerStep / 1e9,
            train_gflops = r.Training.Gflops,
            matmul_peak_gflops = r.MatmulPeakGflops,
            loader_samples_per_s = r.Loader.SamplesPerSecond,
            train_samples_per_s = r.TrainSamplesPerSecond,
            loader_vs_train_ratio = r.LoaderVsTraining,
            loader = new
            {
                samples = r.Loader.Samples, seconds = r.Loader.Seconds, stored_image_size = r.Loader.StoredSize,
                dataset_mb = r.Loader.DatasetBytes / 1e6, memory_bound_mb = r.Loader.MemoryBoundMb, cache_mb = 0,
            },
            block_profile = new
            {
                threads = r.Block.Threads, batch = r.Block.Batch, length = r.Block.Length, width = r.Block.Width,
                block_ms = r.Block.Block.Mean, linears_ms = r.Block.Linears.Mean, attention_ms = r.Block.Attention.Mean,
                attention_written_out_ms = r.Block.AttentionWrittenOut.Mean,
                other_ms = r.Block.OtherMs, block_gflops = r.Block.BlockGflops, linears_gflops = r.Block.LinearGflops,
                attention_gflops = r.Block.AttentionGflops,
            },
            peak_rss_mb = r.PeakRssMb,
            load_average_before = r.LoadBefore,
            load_average_after = r.LoadAfter,
            cores = Environment.ProcessorCount,
            seconds = r.Seconds,
            runs = r.Runs.Select(x => new
            {
                policy = x.Policy, engine = x.Engine, threads = x.Threads, batch = x.Batch, actions_per_s = x.ActionsPerSecond,
                p50_ms = x.Latency.P50, p99_ms = x.Latency.P99, mean_ms = x.Latency.Mean, iterations = x.Latency.Count,
            }),
            cost_models = r.CostModels.Select(c => new
            {
                engine = c.Engine, threads = c.Threads, batch = 1, k = c.Model.K, d = r.Recipe.ActionDim, decode_steps = c.Model.DecodeSteps,
                t_prefix_ms = c.Model.PrefixMs, t_decode_step_ms = c.Model.DecodeStepMs, t_chunk_ms = c.Model.ChunkMs,
                t_prefix_p99_ms = c.Prefix.P99, t_decode_step_p99_ms = c.DecodeStep.P99, t_chunk_p99_ms = c.Chunk.P99,
                ratio = c.Model.Ratio, measured_ratio = c.MeasuredRatio, formula = c.Model.Formula,
            }),
            flops = new
            {
                forward_per_sample = r.Flops.Forward, vision = r.Flops.Vision, projection = r.Flops.Projection,
                backbone = r.Flops.Backbone, head = r.Flops.Head, head_counted = r.Flops.HeadCounted,
            },
            training = r.Trainings.Select(t => new
            {
                threads = t.Timing.Threads, allocator = t.Allocator, batch_size = t.Timing.BatchSize, parameters = t.Timing.Parameters,
                steps_per_s = t.Timing.StepsPerSecond, step_p50_ms = t.Timing.StepMs.P50, step_p99_ms = t.Timing.StepMs.P99,
                forward_ms = t.Timing.ForwardMs, backward_ms = t.Timing.BackwardMs, optimizer_ms = t.Timing.OptimizerMs,
                prefix_no_grad_ms = t.Timing.PrefixNoGradMs, loss_no_grad_ms = t.Timing.LossNoGradMs,
                steps = t.Timing.StepMs.Count, gflops = t.Gflops, mfu = t.Mfu,
            }),
            matmuls = r.Matmuls.Select(m => new { m = m.M, k = m.K, n = m.N, threads = m.Threads, gflops = m.Gflops, when = m.When }),
        };
    }
}
