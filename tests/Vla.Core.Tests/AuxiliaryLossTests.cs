using TorchSharp.PyBridge;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Plugins;
using Vla.Core.Training;

namespace Vla.Core.Tests;

/// <summary>What the auxiliary losses (localisation, pointing) share: data without their targets trains without them.</summary>
public class AuxiliaryLossTests
{
    [Theory]
    [InlineData("localization", "obs/goal_offsets")]
    [InlineData("pointing", "obs/goal_pixels")]
    public void Data_without_its_targets_trains_without_the_loss_and_says_so(string loss, string key)
    {
        using var catalog = PartCatalog.Load();
        var recipe = TinyRecipes.Load("oft", 2, t => loss == "localization" ? t with { LocalizationWeight = 1 } : t with { PointingWeight = 1 });
        var episodes = SyntheticTask.Generate(4, 32, seed: 5)
            .Select(e => loss == "localization" ? e with { GoalOffsets = null } : e with { GoalPixels = null }).ToList();
        var dir = Path.Combine(Directory.CreateTempSubdirectory("vla-aux-").FullName, "run");

        var result = Trainer.Train(recipe, episodes, catalog, new TrainOptions(dir));

        result.Notes.Should().ContainSingle().Which.Should().Contain($"{loss}_weight").And.Contain(key);
        var trained = Recipe.FromFile(Path.Combine(dir, "recipe.json")).Training;
        (loss == "localization" ? trained.LocalizationWeight : trained.PointingWeight).Should().Be(0, "the run records what it trained");
        File.ReadLines(Path.Combine(dir, "metrics.jsonl")).Should().OnlyContain(l => l.Contains($"\"{loss}_loss\":null"));
        Safetensors.LoadStateDict(Path.Combine(dir, "checkpoints", "latest", Checkpoint.ModelFile)).Keys
            .Should().NotContain(k => k.StartsWith(loss + "."));
        Trainer.Train(recipe, SyntheticTask.Generate(4, 32, seed: 5), catalog, new TrainOptions(dir + "-with")).Notes
            .Should().BeEmpty("the simulator's data has both");
        if (loss == "pointing")
        {
            // The readout keeps working without the pixels: the action loss trains its maps end to end.
            var readout = Trainer.Train(recipe with { Vision = recipe.Vision with { PointingReadout = true } }, episodes, catalog,
                new TrainOptions(dir + "-readout"));
            readout.Notes.Should().ContainSingle().Which.Should().Contain("obs/goal_pixels");
            var weights = Safetensors.LoadStateDict(Path.Combine(dir + "-readout", "checkpoints", "latest", Checkpoint.ModelFile));
            weights["pointing.queries.weight"].Should().NotBeNull();
            weights["pointing.projection.weight"].abs().max().item<float>().Should().BeGreaterThan(0,
                "the readout starts at zero, and the action loss trained it");
        }
    }
}
