using System.Diagnostics;
using Vla.Abstractions;
using Vla.Core.Inference;

namespace Vla.Cli.Ablation;

/// <summary>
/// Actions per second of a loaded policy at batch 1: one query returns a whole chunk (K actions; K = 1 for the
/// autoregressive row). Every row of an ablation is timed with this, one after another in the same process.
/// </summary>
internal static class PolicyThroughput
{
    public sealed record Result(double ActionsPerSecond, double ChunkP50Ms);

    public static Result Measure(IChunkPredictor policy, int queries = 40, int warmup = 3)
    {
        var recipe = policy.Recipe;
        var rng = new Random(5);
        var images = recipe.Cameras.Select(c =>
        {
            var pixels = new byte[recipe.ImageSize * recipe.ImageSize * 3];
            rng.NextBytes(pixels);
            return new CameraImage(c, recipe.ImageSize, recipe.ImageSize, pixels);
        }).ToList();
        var observation = new Observation(images, "put the red cube on the plate", new float[recipe.ProprioDim]);
        for (var i = 0; i < warmup; i++) policy.Predict([observation]);
        var times = new double[queries];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < queries; i++)
        {
            var clock = Stopwatch.StartNew();
            policy.Predict([observation]);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        var seconds = total.Elapsed.TotalSeconds;
        Array.Sort(times);
        return new Result(queries * recipe.Chunk / seconds, times[queries / 2]);
    }
}
