using System.Diagnostics;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Model;
using Vla.Core.Plugins;
using Vla.Core.Text;
using Vla.Core.Training;
using static TorchSharp.torch;

namespace Vla.Cli.Bench;

/// <summary>
/// Training throughput of a recipe at its configured batch size: the trainer's step (loss, backward, gradient
/// clipping, AdamW) timed after warm-up, without validation or checkpoints, which a training run does only now and then.
/// </summary>
internal static class TrainingTimer
{
    /// <param name="ForwardMs">mean loss forward; <paramref name="BackwardMs"/> mean backward;
    /// <paramref name="OptimizerMs"/> mean clipping + AdamW: where a step's time goes</param>
    /// <param name="PrefixNoGradMs">mean forward of the prefix alone (vision encoder + projections), without autograd,
    /// timed outside the step; <paramref name="LossNoGradMs"/> the whole loss forward likewise: their difference is the
    /// backbone + head, to compare with the FLOP split</param>
    public sealed record Result(int Threads, double StepsPerSecond, LatencyStats StepMs, double ForwardMs, double BackwardMs,
        double OptimizerMs, double PrefixNoGradMs, double LossNoGradMs, int BatchSize, long Parameters, int Slots, int ExtraTokens);

    public static Result Measure(Recipe recipe, IReadOnlyList<Episode> episodes, PartCatalog catalog, int threads, int warmup, int steps)
    {
        using var threadScope = new TorchThreads(threads);
        var spec = recipe.Training;
        var tokenizer = InstructionTokenizer.Fit(episodes.Select(e => e.Instruction), recipe.MaxInstructionTokens);
        manual_seed(spec.Seed);
        using var model = new VlaPolicyModel(recipe, PolicyParts.Resolve(recipe, catalog), tokenizer.VocabularySize);
        using var optimizer = new AdamW(model.named_parameters(), spec.WeightDecay);
        using var data = new TrainingData(recipe, episodes, StatisticsCalculator.Compute(episodes), tokenizer);
        var parameters = model.named_parameters().Select(p => (p.name, p.parameter)).ToList();
        model.train();
        var random = new Random(spec.Seed);
        var samples = new List<double>();
        var (forward, backward, update, prefixOnly, lossOnly) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (var step = 0; step < warmup + steps; step++)
        {
            using var scope = NewDisposeScope();
            var frames = Enumerable.Range(0, spec.BatchSize).Select(_ => random.Next(data.Frames)).ToArray();
            var (batch, target) = data.Batch(new BatchRequest(frames));
            using var generator = new Generator((ulong)(spec.Seed + step));
            if (step >= warmup)
                using (no_grad())
                {
                    prefixOnly += Timing.Once(() => model.Prefix(batch));
                    using var lossGenerator = new Generator((ulong)(spec.Seed + step));
                    lossOnly += Timing.Once(() => model.Loss(batch, target, lossGenerator));
                }
            var clock = Stopwatch.StartNew();
            var loss = model.Loss(batch, target, generator);
            _ = loss.item<float>();
            var t1 = clock.Elapsed.TotalMilliseconds;
            optimizer.ZeroGrad();
            loss.backward();
            var t2 = clock.Elapsed.TotalMilliseconds;
            GradientClipping.Clip(parameters, spec.GradClip, out _);
            optimizer.Step(spec.LearningRate);
            var t3 = clock.Elapsed.TotalMilliseconds;
            if (step >= warmup)
            {
                samples.Add(t3);
                (forward, backward, update) = (forward + t1, backward + t2 - t1, update + t3 - t2);
            }
            batch.Dispose();
        }
        var stats = LatencyStats.From(samples);
        return new Result(threads, 1000.0 / stats.Mean, stats, forward / steps, backward / steps, update / steps,
            prefixOnly / steps, lossOnly / steps, spec.BatchSize, parameters.Sum(p => p.parameter.numel()),
            model.Head.SlotCount, model.Head.ExtraTokenCount);
    }
}
