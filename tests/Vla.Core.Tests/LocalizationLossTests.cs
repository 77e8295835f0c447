using System.Text.Json;
using TorchSharp.PyBridge;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Model;
using Vla.Core.Plugins;
using Vla.Core.Text;
using Vla.Core.Training;
using static TorchSharp.torch;

namespace Vla.Core.Tests;

/// <summary>training.localization_weight: an auxiliary head predicts where the named object and its place are.</summary>
public class LocalizationLossTests
{
    private static Recipe Weighted(string name, double weight, int steps) =>
        TinyRecipes.Load(name, steps, t => t with { LocalizationWeight = weight });

    [Fact]
    public void The_head_exists_only_when_weighted_and_has_width_x_6_plus_6_parameters()
    {
        using var catalog = PartCatalog.Load();
        var recipe = Weighted("oft", 1, 1);
        using var weighted = new VlaPolicyModel(recipe, PolicyParts.Resolve(recipe, catalog), vocabularySize: 20);
        using var plain = new VlaPolicyModel(TinyRecipes.Oft(), PolicyParts.Resolve(TinyRecipes.Oft(), catalog), vocabularySize: 20);
        var w = recipe.Backbone.Width;
        weighted.named_parameters().Where(p => p.name.StartsWith("localization.")).Sum(p => p.parameter.numel()).Should().Be(w * 6 + 6);
        plain.named_parameters().Should().NotContain(p => p.name.StartsWith("localization."));
        var negative = () => Weighted("oft", -0.5, 1).Validate();
        negative.Should().Throw<RecipeException>().WithMessage("*training.localization_weight*");
    }

    [Fact]
    public void Goal_offsets_are_standardised_per_coordinate_and_absent_when_an_episode_has_none()
    {
        var episodes = SyntheticTask.Generate(6, 16, seed: 3);
        var recipe = Weighted("oft", 1, 60) with { ImageSize = 16 };
        var stats = StatisticsCalculator.Compute(episodes);
        var tokenizer = InstructionTokenizer.Fit(episodes.Select(e => e.Instruction), recipe.MaxInstructionTokens);
        var table = new SampleTable(recipe, episodes, stats, tokenizer);
        using var all = table.GoalOffsets(Enumerable.Range(0, table.Frames).ToList())!;
        all.shape.Should().Equal(table.Frames, 6);
        using var mean = all.mean([0]);
        using var std = all.std([0], unbiased: false);
        mean.abs().max().item<float>().Should().BeLessThan(1e-4f);
        std.sub(1).abs().max().item<float>().Should().BeLessThan(1e-3f);
        // Frame 0 of episode 0: the target minus the gripper, in the data's units before standardising.
        episodes[0].GoalOffsets![0][2].Should().Be(-1f, "the gripper starts 1 above the table");

        var mixed = episodes.Select((e, i) => i == 2 ? e with { GoalOffsets = null } : e).ToList();
        new SampleTable(recipe, mixed, stats, tokenizer).GoalOffsets([0]).Should().BeNull();
        new SampleTable(Weighted("oft", 0, 60) with { ImageSize = 16 }, episodes, stats, tokenizer).GoalOffsets([0])
            .Should().BeNull("a recipe without the loss never standardises them");
    }

    [Fact]
    public void Training_with_the_loss_logs_it_and_it_falls()
    {
        using var catalog = PartCatalog.Load();
        var episodes = SyntheticTask.Generate(8, 32, seed: 5);
        var dir = Path.Combine(Directory.CreateTempSubdirectory("vla-loc-").FullName, "run");
        var recipe = Weighted("base", 1, 200);
        var result = Trainer.Train(recipe with { Training = recipe.Training with { LearningRate = 2e-3 } }, episodes, catalog, new TrainOptions(dir));
        var lines = File.ReadLines(Path.Combine(dir, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var logged = lines.Select(e => e.GetProperty("localization_loss").GetDouble()).ToList();
        var validated = lines.Where(e => e.GetProperty("val_loss").ValueKind == JsonValueKind.Number).ToList();
        validated.Should().NotBeEmpty().And.OnlyContain(e => e.GetProperty("val_localization_loss").ValueKind == JsonValueKind.Number,
            "validation reports the localisation loss apart from the action loss");
        logged.Should().HaveCount(200);
        logged.Take(10).Average().Should().BeGreaterThan(2 * logged.TakeLast(10).Average(), "the head learns where the target is");
        double.IsFinite(result.FinalLoss).Should().BeTrue();
    }

    [Theory]
    [InlineData("openvla")]
    [InlineData("pd-ac-discrete")]
    [InlineData("oft-diffusion")]
    public void Every_decoder_and_head_trains_the_head_on_its_action_slots(string name)
    {
        // The head reads the mean of the action slots' hidden states: teacher-forced tokens (autoregressive), empty
        // slots (parallel) or noisy actions (diffusion). Each must give the head a finite loss and a gradient.
        using var catalog = PartCatalog.Load();
        var episodes = SyntheticTask.Generate(4, 32, seed: 5);
        var dir = Path.Combine(Directory.CreateTempSubdirectory("vla-loc-").FullName, "run");
        var result = Trainer.Train(Weighted(name, 1, 3), episodes, catalog, new TrainOptions(dir));
        result.Notes.Should().BeEmpty();
        File.ReadLines(Path.Combine(dir, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("localization_loss"))
            .Should().HaveCount(3).And.OnlyContain(v => v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble()) && v.GetDouble() > 0);

        // The trainer seeds, then builds the model: the same seed and vocabulary give its initial weights.
        var recipe = Weighted(name, 1, 3);
        manual_seed(recipe.Training.Seed);
        using var init = new VlaPolicyModel(recipe, PolicyParts.Resolve(recipe, catalog), new RunFolder(dir).ReadTokenizer().VocabularySize);
        var trained = Safetensors.LoadStateDict(Path.Combine(dir, "checkpoints", "latest", Checkpoint.ModelFile));
        using var moved = trained["localization.output.weight"].sub(init.state_dict()["localization.output.weight"]).abs().max();
        // Trained: moved. By AdamW steps of at most about the learning rate each: the same initial weights (a different
        // initialisation would differ by the init scale, ~0.1).
        moved.item<float>().Should().BeGreaterThan(0, "the head's weights were trained")
            .And.BeLessThan((float)(3 * 3 * recipe.Training.LearningRate), "3 warm-up steps from the trainer's own initial weights");
    }

    [Fact]
    public void A_base_trained_with_the_head_hands_it_to_a_fine_tune_that_has_one()
    {
        using var catalog = PartCatalog.Load();
        var episodes = SyntheticTask.Generate(8, 32, seed: 5);
        var root = Directory.CreateTempSubdirectory("vla-loc-").FullName;
        var baseRun = Trainer.Train(Weighted("base", 1, 3), episodes, catalog, new TrainOptions(Path.Combine(root, "base"))).Run;
        TinyRecipes.Load("oft-plus").Training.LocalizationWeight.Should().BeGreaterThan(0, "the shipped fine-tuning recipe uses it");

        var with = Trainer.Train(TinyRecipes.Load("oft-plus", 3), episodes, catalog,
            new TrainOptions(Path.Combine(root, "with"), BaseRun: baseRun)).Run;
        BaseInitialisation.Read(new RunFolder(with))!.Loaded.Should().Contain("localization.output.weight");

        var without = Trainer.Train(Weighted("oft-plus", 0, 3), episodes, catalog,
            new TrainOptions(Path.Combine(root, "without"), BaseRun: baseRun)).Run;
        var init = BaseInitialisation.Read(new RunFolder(without))!;
        init.UnusedBase.Should().Contain("localization.output.weight");
        init.Loaded.Should().Contain(k => k.StartsWith("vision."));
    }
}
