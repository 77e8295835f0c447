using TorchSharp;
using TorchSharp.PyBridge;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Model;
using Vla.Core.Plugins;
using Vla.Core.Training;
using static TorchSharp.torch;

namespace Vla.Core.Tests;

/// <summary>vision.keypoints: spatial soft-argmax over each camera's token grid, added to the proprio token.</summary>
public class SpatialKeypointsTests
{
    [Fact]
    public void A_map_peaked_on_one_token_gives_that_tokens_grid_centre()
    {
        using var scope = NewDisposeScope();
        var module = new SpatialKeypoints(visionWidth: 2, keypoints: 2, cameras: 1, width: 8);
        using (no_grad())
        {
            // Map 0 follows feature 0, map 1 follows feature 1, both sharply.
            module.named_parameters().Single(p => p.name == "logits.weight").parameter.copy_(eye(2) * 100f);
            module.named_parameters().Single(p => p.name == "logits.bias").parameter.zero_();
        }
        var tokens = zeros(1, 16, 2);                        // a 4 x 4 grid
        tokens[0, 5, 0] = tensor(1f);                        // row 1, column 1
        tokens[0, 14, 1] = tensor(1f);                       // row 3, column 2
        var xy = module.Positions(tokens);
        xy.shape.Should().Equal(1, 2, 2);
        xy[0, 0].data<float>().ToArray().Should().BeEquivalentTo(new[] { -0.25f, -0.25f }, o => o.Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-3f)).WhenTypeIs<float>());
        xy[0, 1].data<float>().ToArray().Should().BeEquivalentTo(new[] { 0.25f, 0.75f }, o => o.Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-3f)).WhenTypeIs<float>());
        SpatialKeypoints.GridValues(4).Should().Equal(-0.5f, -0.5f, 0.5f, -0.5f, -0.5f, 0.5f, 0.5f, 0.5f);
    }

    [Fact]
    public void Keypoints_add_their_parameters_and_need_a_proprio_token()
    {
        using var catalog = PartCatalog.Load();
        var recipe = TinyRecipes.Oft() with { Vision = TinyRecipes.Oft().Vision with { Keypoints = 6 } };
        using var model = new VlaPolicyModel(recipe, PolicyParts.Resolve(recipe, catalog), vocabularySize: 20);
        var (cv, w) = (recipe.Vision.Width, recipe.Backbone.Width);
        model.named_parameters().Where(p => p.name.StartsWith("keypoints.")).Sum(p => p.parameter.numel())
            .Should().Be(cv * 6 + 6 + 2 * 6 * 2 * w + w, "logits per map, and a projection of 2 cameras x 6 maps x (x, y)");
        VlaPolicyModel.SequenceLength(recipe, model.Head).Should().Be(VlaPolicyModel.SequenceLength(TinyRecipes.Oft(), model.Head),
            "the sequence keeps its length, so a base without keypoints loads");
        var act = () => (recipe with { ProprioDim = 0 }).Validate();
        act.Should().Throw<RecipeException>().WithMessage("*vision.keypoints*proprio*");
        var tooMany = () => (recipe with { Vision = recipe.Vision with { Keypoints = 65 } }).Validate();
        tooMany.Should().Throw<RecipeException>().WithMessage("*vision.keypoints*");
    }

    [Fact]
    public void From_a_base_without_keypoints_they_start_at_zero_and_learn()
    {
        using var catalog = PartCatalog.Load();
        var episodes = SyntheticTask.Generate(12, 32, seed: 5);
        var baseRun = Trainer.Train(TinyRecipes.Load("base", steps: 4), episodes, catalog,
            new TrainOptions(Path.Combine(Directory.CreateTempSubdirectory("vla-kp-").FullName, "base"))).Run;
        var recipe = TinyRecipes.Load("oft-plus", steps: 6);
        recipe = recipe with { Vision = recipe.Vision with { Keypoints = 4 } };

        var opened = BaseRun.Open(baseRun, recipe);
        var tokenizer = opened.ExtendTokenizer(episodes.Select(e => e.Instruction), recipe.MaxInstructionTokens);
        using (var model = new VlaPolicyModel(recipe, PolicyParts.Resolve(recipe, catalog), tokenizer.VocabularySize))
        {
            var init = opened.Initialise(model, tokenizer.VocabularySize);
            init.Loaded.Should().Contain(k => k.StartsWith("vision.")).And.NotContain(k => k.StartsWith("keypoints."));
            model.state_dict()["keypoints.projection.weight"].abs().max().item<float>().Should().Be(0, "the fine-tune starts as its base");
        }

        var run = Trainer.Train(recipe, episodes, catalog,
            new TrainOptions(Path.Combine(Directory.CreateTempSubdirectory("vla-kp-").FullName, "ft"), BaseRun: baseRun)).Run;
        var trained = Safetensors.LoadStateDict(Path.Combine(run, "checkpoints", "latest", Checkpoint.ModelFile));
        trained["keypoints.projection.weight"].abs().max().item<float>().Should().BeGreaterThan(0, "training moves the projection off zero");
        trained["keypoints.logits.weight"].abs().max().item<float>().Should().BeGreaterThan(0);
    }
}
