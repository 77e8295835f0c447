using Vla.Cli.Bench;
using Vla.Core.Inference;

namespace Vla.Cli.Ablation;

/// <summary>
/// Actions per second of a loaded policy at batch 1 (bench's timing: warm-up, a dispose scope per query, mean for
/// throughput): one query returns a whole chunk (K actions; K = 1 for the autoregressive row). Every row of an ablation
/// is timed with this, one after another in the same process.
/// </summary>
internal static class PolicyThroughput
{
    public sealed record Result(double ActionsPerSecond, double ChunkP50Ms);

    public static Result Measure(IChunkPredictor policy, int queries = 40, int warmup = 3)
    {
        var observation = RandomData.Observations(policy.Recipe, 1, seed: 5)[0];
        var stats = Timing.Measure(() => policy.Predict([observation]), warmup, queries);
        return new Result(policy.Recipe.Chunk * 1000 / stats.Mean, stats.P50);
    }
}
