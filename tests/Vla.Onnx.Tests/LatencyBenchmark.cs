using System.Diagnostics;
using Vla.Core.Inference;
using Vla.Core.Plugins;
using Xunit.Abstractions;

namespace Vla.Onnx.Tests;

/// <summary>
/// Batch-1 chunk latency (p50) of both engines at the default OFT size (recipes/oft.json, untrained weights), two
/// threads each. Opt-in (VLA_BENCH=1): timing on a shared machine is a measurement, not a test.
/// </summary>
public sealed class LatencyBenchmark(ITestOutputHelper output)
{
    [Fact]
    public void Oft_chunk_latency_torch_vs_ort()
    {
        if (Environment.GetEnvironmentVariable("VLA_BENCH") != "1") return;
        using var catalog = PartCatalog.Load();
        var recipe = Vla.Abstractions.Recipe.FromFile(Path.Combine(TestRuns.RepoRoot, "recipes", "oft.json"));
        var run = TestRuns.Create(recipe, catalog);
        PolicyExporter.Export(run, catalog);
        var observation = TestRuns.Observations(recipe, 1);
        TorchSharp.torch.set_num_threads(2);
        try
        {
            using var torch = VlaPolicy.Load(run, catalog);
            using var ort2 = OrtPolicy.Load(run, new OrtOptions(Threads: 2));
            using var ort1 = OrtPolicy.Load(run, new OrtOptions(Threads: 1));
            // Interleaved, so every engine sees the same background load of the shared machine.
            var engines = new (string Name, Action Predict)[]
            {
                ("torch eager, 2 threads", () => torch.Predict(observation)),
                ("torch eager, 1 thread", () =>
                {
                    TorchSharp.torch.set_num_threads(1);
                    torch.Predict(observation);
                    TorchSharp.torch.set_num_threads(2);
                }),
                ("onnxruntime, 2 intra-op threads", () => ort2.Predict(observation)),
                ("onnxruntime, 1 intra-op thread", () => ort1.Predict(observation)),
            };
            var times = engines.Select(_ => new List<double>()).ToArray();
            var cpu = new double[engines.Length];
            using var process = Process.GetCurrentProcess();
            for (var i = 0; i < Warmup + Runs; i++)
                for (var e = 0; e < engines.Length; e++)
                {
                    process.Refresh();
                    var cpuBefore = process.TotalProcessorTime;
                    var clock = Stopwatch.StartNew();
                    engines[e].Predict();
                    var elapsed = clock.Elapsed.TotalMilliseconds;
                    process.Refresh();
                    if (i < Warmup) continue;
                    times[e].Add(elapsed);
                    cpu[e] += (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
                }
            for (var e = 0; e < engines.Length; e++) Report(engines[e].Name, times[e].Order().ToArray(), cpu[e] / Runs);
        }
        finally
        {
            TorchSharp.torch.set_num_threads(1);
        }
    }

    private const int Warmup = 30, Runs = 100;

    /// <summary>Wall-clock percentiles, plus process CPU time per chunk (robust to other jobs taking the cores).</summary>
    private void Report(string engine, double[] sorted, double cpuMs)
    {
        var line = $"{engine}: p50 {sorted[sorted.Length / 2]:F2} ms, p10 {sorted[sorted.Length / 10]:F2} ms, " +
                   $"p90 {sorted[sorted.Length * 9 / 10]:F2} ms, cpu {cpuMs:F2} ms/chunk";
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "vla-onnx-latency.txt"), line + Environment.NewLine);
    }
}
