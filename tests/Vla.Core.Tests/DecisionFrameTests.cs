using System.Text.Json;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Plugins;
using Vla.Core.Text;
using Vla.Core.Training;

namespace Vla.Core.Tests;

/// <summary>
/// Decision frames (each episode's start and its gripper changes, where the instruction decides the next move): which
/// frames they are, how often training draws them, and their own validation loss in the metrics.
/// </summary>
public class DecisionFrameTests
{
    private static Episode WithGripper(params float[] gripper) => new("put it down", 8, 8, new Dictionary<string, byte[][]>(),
        gripper.Select(_ => new float[2]).ToArray(), gripper.Select(g => new[] { 0.5f, 0.1f, g }).ToArray(), "test");

    [Fact]
    public void Decision_frames_are_each_episode_start_and_the_frames_from_each_gripper_change_on()
    {
        Episode a = WithGripper(-1, -1, -1, -1, 1, 1, 1, 1, 1, -1), b = WithGripper(-1, -1, -1, -1);

        var flags = SampleTable.DecisionFrames([a, b], window: 2, gripperDims: [2]);

        flags.Select(f => f ? 1 : 0).Should().Equal([1, 1, 0, 0, 1, 1, 0, 0, 0, 1, /* b */ 1, 1, 0, 0]);
        SampleTable.DecisionFrames([a, b], window: 0, gripperDims: [2]).Should().OnlyContain(f => !f, "0 turns them off");
        SampleTable.DecisionFrames([a], window: 3, gripperDims: []).Select(f => f ? 1 : 0).Should()
            .Equal([1, 1, 1, 0, 0, 0, 0, 0, 0, 0], "without a gripper dimension only the start decides");
        // decision_frames_before: the approach to each gripper change too (not before an episode's start).
        SampleTable.DecisionFrames([a, b], window: 2, gripperDims: [2], before: 2).Select(f => f ? 1 : 0).Should()
            .Equal([1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* b */ 1, 1, 0, 0]);
    }

    [Fact]
    public void Decision_weight_lists_decision_frames_that_many_times_and_validation_samples_them_apart()
    {
        var episodes = SyntheticTask.Generate(10, 32, seed: 5);
        var recipe = TinyRecipes.Oft();
        var stats = StatisticsCalculator.Compute(episodes);
        var tokenizer = InstructionTokenizer.Fit(episodes.Select(e => e.Instruction), recipe.MaxInstructionTokens);
        using var data = new TrainingData(recipe, episodes, stats, tokenizer);

        var (plain, validation, decision) = Trainer.Split(data, recipe.Training with { DecisionWeight = 1 });
        var (weighted, validation3, decision3) = Trainer.Split(data, recipe.Training with { DecisionWeight = 3 });

        var decisive = plain.Count(data.IsDecision);
        decisive.Should().BeGreaterThan(0).And.BeLessThan(plain.Length);
        weighted.Length.Should().Be(plain.Length + 2 * decisive);
        weighted.Distinct().Should().BeEquivalentTo(plain, "the same frames, decision frames repeated");
        (validation3, decision3).Should().BeEquivalentTo((validation, decision), "the weight changes training draws only");
        decision.Should().NotBeEmpty().And.OnlyContain(f => data.IsDecision(f)).And.NotIntersectWith(plain);
    }

    [Fact]
    public void Validation_logs_the_decision_frame_loss_beside_the_validation_loss()
    {
        using var catalog = PartCatalog.Load();
        var tiny = TinyRecipes.Oft(steps: 4);
        // A third of the 12 episodes held out, so their decision frames hold several instructions to swap.
        var recipe = tiny with { Training = tiny.Training with { Steps = 4, ValidateEvery = 2, DecisionWeight = 4, ValidationFraction = 0.34 } };
        var run = Path.Combine(Directory.CreateTempSubdirectory("vla-run-").FullName, "run");

        Trainer.Train(recipe, SyntheticTask.Generate(12, 32, seed: 31), catalog, new TrainOptions(run));

        var lines = File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var validated = lines.Where(l => l.GetProperty("val_loss").ValueKind == JsonValueKind.Number).ToList();
        validated.Select(l => l.GetProperty("step").GetInt32()).Should().Equal(1, 2, 4);
        validated.Should().OnlyContain(l => l.GetProperty("val_decision_loss").GetDouble() > 0);
        validated.Should().OnlyContain(l => l.GetProperty("val_decision_swapped_loss").GetDouble() > 0, "the grounding probe");
        lines.Except(validated).Should().OnlyContain(l => l.GetProperty("val_decision_loss").ValueKind == JsonValueKind.Null
                                                       && l.GetProperty("val_decision_swapped_loss").ValueKind == JsonValueKind.Null);
    }
}
