using System.Diagnostics;
using Vla.Core.Inference;
using Vla.Core.Plugins;
using Vla.Onnx;

namespace Vla.Cli.Bench;

/// <summary>
/// Times whole policy calls (raw observations in, raw chunks out: pre-processing, tokenisation and the decode loop
/// included) for both policies on each engine and thread count at each batch size. The configurations are measured in
/// interleaved rounds, so a burst of load from other work on this shared machine hits all of them alike and the
/// ratios between them stay fair.
/// </summary>
internal static class EngineThroughput
{
    private sealed record Config(string Policy, string Engine, int Threads, IChunkPredictor Predictor);

    public static List<EngineRun> Measure(BenchPolicies policies, PartCatalog catalog, BenchSettings settings, IProgress<string>? progress)
    {
        var configs = new List<Config>();
        try
        {
            foreach (var (name, dir) in new[] { (EngineRun.ParallelPolicy, policies.ParallelRun), (EngineRun.AutoregressivePolicy, policies.AutoregressiveRun) })
                foreach (var threads in settings.Threads)
                {
                    configs.Add(new Config(name, PolicyEngine.Torch, threads, VlaPolicy.Load(dir, catalog)));
                    configs.Add(new Config(name, PolicyEngine.Ort, threads, OrtPolicy.Load(dir, new OrtOptions(Threads: threads))));
                }
            return Interleaved(configs, policies, settings, progress);
        }
        finally
        {
            foreach (var c in configs) c.Predictor.Dispose();
        }
    }

    private static List<EngineRun> Interleaved(List<Config> configs, BenchPolicies policies, BenchSettings settings, IProgress<string>? progress)
    {
        // Both policies see the same observations (same cameras, image size and proprio).
        var observations = settings.Batches.ToDictionary(b => b, b => RandomData.Observations(policies.Parallel, b, seed: 100 + b));
        var keys = configs.SelectMany(c => settings.Batches.Select(b => (Config: c, Batch: b))).ToList();
        var samples = keys.ToDictionary(k => k, _ => new List<double>());
        foreach (var (c, b) in keys)
            using (new TorchThreads(c.Threads))
                for (var i = 0; i < settings.Warmup; i++) Timing.Once(() => c.Predictor.Predict(observations[b]));
        for (var round = 0; round < settings.Rounds; round++)
            foreach (var key in keys)
            {
                var total = key.Batch == 1 ? settings.Batch1Iterations : settings.BatchNIterations;
                var perRound = (total + settings.Rounds - 1) / settings.Rounds;
                var budget = Timing.BudgetSeconds / settings.Rounds;
                var clock = Stopwatch.StartNew();
                using var threads = new TorchThreads(key.Config.Threads);
                for (var i = 0; i < perRound && samples[key].Count < total; i++)
                {
                    samples[key].Add(Timing.Once(() => key.Config.Predictor.Predict(observations[key.Batch])));
                    if (clock.Elapsed.TotalSeconds > budget) break;   // a pathologically slow setting keeps >= 1 call per round
                }
            }
        var runs = keys.Select(k => new EngineRun(k.Config.Policy, k.Config.Engine, k.Config.Threads, k.Batch,
            k.Batch * k.Config.Predictor.Recipe.Chunk, LatencyStats.From(samples[k]))).ToList();
        foreach (var run in runs)
            progress?.Report($"{run.Policy,-18} {run.Label,-9} batch {run.Batch}: {run.ActionsPerSecond,9:F1} actions/s, " +
                             $"p50 {run.Latency.P50:F2} ms, p99 {run.Latency.P99:F2} ms ({run.Latency.Count} calls)");
        return runs;
    }
}
