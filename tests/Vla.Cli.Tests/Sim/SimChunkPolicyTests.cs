using Vla.Abstractions;
using Vla.Cli.Sim;
using Vla.Sim;

namespace Vla.Cli.Tests.Sim;

/// <summary>How a predicted chunk reaches the simulator: binarised gripper, replaced instruction.</summary>
public class SimChunkPolicyTests
{
    private static SimObservation Observation(string instruction) =>
        new(new Dictionary<string, byte[]> { ["agentview"] = new byte[4 * 4 * 3] }, 4, 4, new float[8], instruction);

    private static ActionChunk Chunk(params float[] gripper) =>
        new(gripper.Length, 7, gripper.SelectMany(g => new[] { 0.5f, -0.2f, 0.1f, 0, 0, 0, g }).ToArray());

    [Fact]
    public void The_gripper_is_binarised_by_default_and_raw_on_request()
    {
        var chunk = Chunk(0.3f, -0.01f, 0f, float.NaN);
        var binary = new SimChunkPolicy(_ => chunk).PredictChunk(Observation("x"));
        binary.Select(a => a[6]).Should().Equal(1f, -1f, 1f, float.NaN);
        binary[0][..3].Should().Equal(0.5f, -0.2f, 0.1f);
        new SimChunkPolicy(_ => chunk, binaryGripper: false).PredictChunk(Observation("x")).Select(a => a[6]).Take(3).Should().Equal(0.3f, -0.01f, 0f);
    }

    [Fact]
    public void Open_loop_steps_execute_only_the_head_of_each_chunk()
    {
        var chunk = Chunk(-1, -1, 1, 1, 1);
        new SimChunkPolicy(_ => chunk, plan: new ClosedLoopPlan(5, QueryEvery: 3, EnsembleDecay: null)).PredictChunk(Observation("x")).Select(a => a[6]).Should().Equal(-1f, -1f, 1f);
        new SimChunkPolicy(_ => chunk).PredictChunk(Observation("x")).Should().HaveCount(5, "by default the whole chunk runs open-loop");
    }

    [Fact]
    public void The_recipes_open_loop_steps_apply_unless_the_caller_says_otherwise()
    {
        var recipe = new Recipe { Chunk = 5, OpenLoopSteps = 2 };
        var predictor = new FixedPredictor(recipe, Chunk(-1, -1, 1, 1, 1));
        SimChunkPolicy.For(predictor).PredictChunk(Observation("x")).Should().HaveCount(2, "the recipe asks for 2");
        SimChunkPolicy.For(predictor, openLoopSteps: 4).PredictChunk(Observation("x")).Should().HaveCount(4, "--open-loop-steps wins");
        SimChunkPolicy.For(new FixedPredictor(recipe with { OpenLoopSteps = null }, Chunk(-1, -1, 1, 1, 1)))
            .PredictChunk(Observation("x")).Should().HaveCount(5, "unset: the whole chunk");
    }

    [Fact]
    public void The_report_describes_the_recipes_closed_loop()
    {
        var paper = new Recipe { Chunk = 8 };
        SimChunkPolicy.Describe(paper).Should().Be("the policy's whole chunk (K = 8) runs open-loop before the next query, as in the paper");
        SimChunkPolicy.Describe(paper with { OpenLoopSteps = 4 }).Should().Be("the first 4 steps of each K = 8 chunk run open-loop before the next query");
        SimChunkPolicy.Describe(paper with { OpenLoopSteps = 4, TemporalEnsemble = 0.01 }).Should()
            .Be("the policy is queried every 4 steps and each step executes ACT's temporal ensemble of every chunk that predicted it (weights exp(-0.01 i), oldest first)");
        SimChunkPolicy.Describe(paper with { TemporalEnsemble = 0 }).Should().StartWith("the policy is queried every step and");
        // The plan the report describes is the one the loop runs; command-line overrides win over the recipe.
        ClosedLoopPlan.For(paper).Should().Be(new ClosedLoopPlan(8, 8, null));
        ClosedLoopPlan.For(paper with { TemporalEnsemble = 0.01 }).Should().Be(new ClosedLoopPlan(8, 1, 0.01));
        ClosedLoopPlan.For(paper with { OpenLoopSteps = 4, TemporalEnsemble = 0.01 }, openLoopSteps: 2).QueryEvery.Should().Be(2);
        ClosedLoopPlan.For(paper with { TemporalEnsemble = 0.01 }, ensembleDecay: 0.5).EnsembleDecay.Should().Be(0.5);
    }

    private sealed class FixedPredictor(Recipe recipe, ActionChunk chunk) : Vla.Core.Inference.IChunkPredictor
    {
        public Recipe Recipe => recipe;
        public IReadOnlyList<ActionChunk> Predict(IReadOnlyList<Observation> observations) => observations.Select(_ => chunk).ToList();
        public void Dispose() { }
    }

    [Fact]
    public void An_instruction_map_changes_what_the_policy_is_told()
    {
        string? told = null;
        var policy = new SimChunkPolicy(o => { told = o.Instruction; return Chunk(1); }, instruction: i => i + " (shuffled)");
        policy.PredictChunk(Observation("put the red cube on the plate"));
        told.Should().Be("put the red cube on the plate (shuffled)");
    }
}

public class InstructionShuffleTests
{
    [Theory]
    [InlineData("goal")]
    [InlineData("spatial")]
    public void Every_task_is_told_another_task_of_its_suite_and_no_two_the_same(string suite)
    {
        var instructions = SimCatalog.Tasks(suite).Select(t => t.Instruction).ToList();
        var shuffle = Vla.Cli.Sim.InstructionShuffle.For([suite]);
        var told = instructions.Select(shuffle).ToList();
        told.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(instructions);
        told.Zip(instructions).Should().OnlyContain(p => p.First != p.Second);
        shuffle("an instruction of no suite").Should().Be("an instruction of no suite");
    }
}
