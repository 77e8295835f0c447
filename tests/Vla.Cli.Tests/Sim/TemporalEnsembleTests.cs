using Vla.Abstractions;
using Vla.Cli.Sim;
using Vla.Sim;

namespace Vla.Cli.Tests.Sim;

/// <summary>ACT's temporal ensemble over the chunks of one episode.</summary>
public class TemporalEnsembleTests
{
    private static readonly SimObservation Obs = new(new Dictionary<string, byte[]> { ["agentview"] = new byte[4 * 4 * 3] }, 4, 4, new float[8], "x");

    // A chunk whose action for step s (relative to the query) has x = start + s and gripper g[s].
    private static float[][] Rows(float start, params float[] gripper) =>
        gripper.Select((g, s) => new[] { start + s, 0, 0, 0, 0, 0, g }).ToArray();

    private static TemporalEnsemble Ensemble(Queue<float[][]> chunks, int stride, double decay) =>
        new(_ => chunks.Dequeue(), stride, decay, a => a[6] = a[6] >= 0 ? 1 : -1);

    [Fact]
    public void Each_step_averages_every_chunk_that_predicted_it_oldest_weighted_most()
    {
        // Query 1 predicts steps 0..3 with x 0..3; query 2 (at step 1) predicts steps 1..4 with x 10..13.
        var even = Ensemble(new([Rows(0, 1, 1, 1, 1), Rows(10, 1, 1, 1, 1)]), stride: 1, decay: 0);
        even.PredictChunk(Obs).Should().ContainSingle().Which[0].Should().Be(0f, "the first step has one prediction");
        even.PredictChunk(Obs)[0][0].Should().BeApproximately((1 + 10) / 2f, 1e-6f, "decay 0 averages evenly");

        var steep = Ensemble(new([Rows(0, 1, 1, 1, 1), Rows(10, 1, 1, 1, 1)]), stride: 1, decay: 1);
        steep.PredictChunk(Obs);
        double w = Math.Exp(-1);
        steep.PredictChunk(Obs)[0][0].Should().BeApproximately((float)((1 + w * 10) / (1 + w)), 1e-5f, "weights exp(-m i), i = 0 oldest");
    }

    [Fact]
    public void A_stride_executes_that_many_steps_per_query_and_old_chunks_expire()
    {
        var e = Ensemble(new([Rows(0, 1, 1, 1), Rows(10, 1, 1, 1), Rows(20, 1, 1, 1)]), stride: 2, decay: 0);
        e.PredictChunk(Obs).Select(a => a[0]).Should().Equal(0f, 1f);
        e.PredictChunk(Obs).Select(a => a[0]).Should().Equal(new[] { (2 + 10) / 2f, 11f }, "step 2 was also predicted by the first chunk, step 3 only by the second");
        e.PredictChunk(Obs).Select(a => a[0]).Should().Equal(new[] { (12 + 20) / 2f, 21f }, "the first chunk has expired; the second still covers step 4");
    }

    [Fact]
    public void One_chunk_that_opens_the_gripper_does_not_reopen_a_grasp_the_older_chunks_close()
    {
        var closing = Rows(0, 1, 1, 1, 1, 1, 1, 1, 1);
        var flip = Rows(0, -1, -1, 1, 1, 1, 1, 1, 1);
        var e = Ensemble(new([closing, closing, closing, flip]), stride: 1, decay: 0.01);
        for (int i = 0; i < 3; i++) e.PredictChunk(Obs);
        e.PredictChunk(Obs)[0][6].Should().Be(1f, "three older chunks vote to stay closed");
    }

    [Fact]
    public void Every_episode_starts_a_fresh_ensemble_and_off_means_the_policy_itself()
    {
        var chunk = new ActionChunk(3, 7, Rows(0, 1, 1, 1).SelectMany(r => r).ToArray());
        var policy = new SimChunkPolicy(_ => chunk, plan: ClosedLoopPlan.For(new Recipe { Chunk = 3, TemporalEnsemble = 0.01 }));
        var first = policy.ForEpisode();
        first.Should().BeOfType<TemporalEnsemble>().And.NotBeSameAs(policy.ForEpisode());
        first.PredictChunk(Obs).Should().ContainSingle("with an ensemble the default is one action per query");
        new SimChunkPolicy(_ => chunk).ForEpisode().Should().BeOfType<SimChunkPolicy>();
        new SimChunkPolicy(_ => chunk, plan: new ClosedLoopPlan(3, QueryEvery: 2, EnsembleDecay: 0)).ForEpisode().PredictChunk(Obs).Should().HaveCount(2);
    }

    [Fact]
    public void The_recipes_temporal_ensemble_applies_unless_the_caller_says_otherwise()
    {
        var recipe = new Recipe { Chunk = 3, TemporalEnsemble = 0.01 };
        SimChunkPolicy.For(new FixedPredictor(recipe)).ForEpisode().Should().BeOfType<TemporalEnsemble>();
        SimChunkPolicy.For(new FixedPredictor(recipe with { TemporalEnsemble = null })).ForEpisode().Should().BeOfType<SimChunkPolicy>();
    }

    [Fact]
    public void A_negative_decay_is_a_clear_error()
    {
        var predictor = new FixedPredictor(new Recipe { Chunk = 3 });
        var act = () => SimChunkPolicy.For(predictor, ensembleDecay: -0.5);
        act.Should().Throw<VlaException>().WithMessage("*--temporal-ensemble -0.5*");
    }

    private sealed class FixedPredictor(Recipe recipe) : Vla.Core.Inference.IChunkPredictor
    {
        public Recipe Recipe => recipe;
        public IReadOnlyList<ActionChunk> Predict(IReadOnlyList<Observation> observations) => throw new NotSupportedException();
        public void Dispose() { }
    }
}
