using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Vla.Onnx;

namespace Vla.Cli.Bench;

/// <summary>
/// The cost model's parts on ONNX Runtime, from the exported graphs themselves: the parallel policy's one-pass graph
/// (t_chunk), the baseline's prefill graph (vision + causal prefill over prefix and start token, giving the first
/// token and the KV cache) and its decode-step graph (one token against the cache). Inputs are random tensors of each
/// graph's declared inputs at batch 1, so tokenisation and the argmax are outside the parts.
/// </summary>
internal static class OrtParts
{
    public static (LatencyStats Prefill, LatencyStats DecodeStep, LatencyStats Chunk) Measure(string parallelRun, string autoregressiveRun,
        int threads, int decodeSteps, int warmup, int iterations)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = threads,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        using var chunk = new InferenceSession(Path.Combine(parallelRun, "export", ExportFolder.PolicyFile), options);
        using var prefill = new InferenceSession(Path.Combine(autoregressiveRun, "export", ExportFolder.PolicyFile), options);
        using var decode = new InferenceSession(Path.Combine(autoregressiveRun, "export", ExportFolder.DecodeFile), options);
        var chunkInputs = RandomInputs(chunk);
        var prefillInputs = RandomInputs(prefill);
        var (prefillMs, stepMs, chunkMs) = (new List<double>(), new List<double>(), new List<double>());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < warmup + iterations; i++)
        {
            if (clock.Elapsed.TotalSeconds > Timing.BudgetSeconds && prefillMs.Count >= Timing.MinimumSamples) break;
            var chunkTime = Timing.Once(() => chunk.Run(chunkInputs).Dispose());
            IDisposableReadOnlyCollection<DisposableNamedOnnxValue>? outputs = null;
            var prefillTime = Timing.Once(() => outputs = prefill.Run(prefillInputs));
            var steps = new double[decodeSteps];
            try
            {
                for (var s = 0; s < decodeSteps; s++)
                {
                    // The cache grows by one position per step, exactly as in the greedy loop.
                    var feeds = outputs!.Where(o => o.Name.StartsWith("present_", StringComparison.Ordinal))
                        .Select(o => NamedOnnxValue.CreateFromTensor(o.Name.Replace("present_", "past_"), o.AsTensor<float>()))
                        .Append(NamedOnnxValue.CreateFromTensor("token", new DenseTensor<long>(new long[] { 2 }, [1, 1])))
                        .ToList();
                    var previous = outputs;
                    steps[s] = Timing.Once(() => outputs = decode.Run(feeds));
                    previous!.Dispose();
                }
            }
            finally
            {
                outputs?.Dispose();
            }
            if (i < warmup) continue;
            chunkMs.Add(chunkTime);
            prefillMs.Add(prefillTime);
            stepMs.AddRange(steps);
        }
        return (LatencyStats.From(prefillMs), LatencyStats.From(stepMs), LatencyStats.From(chunkMs));
    }

    /// <summary>One random tensor per declared input, batch dimension 1: pixels, token ids 2, mask true, values N(0, 1)-ish.</summary>
    private static List<NamedOnnxValue> RandomInputs(InferenceSession session)
    {
        var random = new Random(5);
        return session.InputMetadata.Select(input =>
        {
            var dims = input.Value.Dimensions.Select(d => d < 0 ? 1 : d).ToArray();
            var count = dims.Aggregate(1, (a, b) => a * b);
            return input.Value.ElementDataType switch
            {
                TensorElementType.UInt8 => NamedOnnxValue.CreateFromTensor(input.Key,
                    new DenseTensor<byte>(Enumerable.Range(0, count).Select(_ => (byte)random.Next(256)).ToArray(), dims)),
                TensorElementType.Int64 => NamedOnnxValue.CreateFromTensor(input.Key, new DenseTensor<long>(Enumerable.Repeat(2L, count).ToArray(), dims)),
                TensorElementType.Bool => NamedOnnxValue.CreateFromTensor(input.Key, new DenseTensor<bool>(Enumerable.Repeat(true, count).ToArray(), dims)),
                TensorElementType.Float => NamedOnnxValue.CreateFromTensor(input.Key,
                    new DenseTensor<float>(Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(), dims)),
                var t => throw new InvalidOperationException($"input '{input.Key}' has unsupported type {t}"),
            };
        }).ToList();
    }
}
