using TorchSharp;
using TorchSharp.PyBridge;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Inference;
using Vla.Core.Model;
using Vla.Core.Plugins;
using Vla.Core.Text;
using Vla.Core.Training;

namespace Vla.Core.Tests;

/// <summary>Fine-tuning from a base run (TrainOptions.BaseRun): what is loaded, what starts fresh, what is refused.</summary>
public class BaseInitialisationTests
{
    private static readonly List<Episode> Episodes = SyntheticTask.Generate(24, 32, seed: 21);

    private static string NewRun() => Path.Combine(Directory.CreateTempSubdirectory("vla-base-").FullName, "run");

    // One tiny L1 base shared by the tests (the "base" recipe shrunk like every test recipe; it has FiLM), and one
    // without FiLM (as OpenVLA has none) to show FiLM then starts as the identity.
    private static readonly Lazy<string> Base = new(() => TrainBase("film"));
    private static readonly Lazy<string> BaseWithoutFilm = new(() => TrainBase("none"));

    private static string TrainBase(string conditioning)
    {
        using var catalog = PartCatalog.Load();
        var recipe = TinyRecipes.Load("base", steps: 6) with { Conditioning = conditioning };
        return Trainer.Train(recipe, Episodes, catalog, new TrainOptions(NewRun())).Run;
    }

    [Theory]
    [InlineData("openvla")]
    [InlineData("pd-ac-discrete")]
    [InlineData("oft-diffusion")]
    [InlineData("oft-plus")]
    [InlineData("oft-plus", false)]
    public void Fine_tune_loads_exactly_the_tensors_whose_name_and_shape_match(string name, bool baseHasFilm = true)
    {
        using var catalog = PartCatalog.Load();
        var recipe = TinyRecipes.Load(name);
        var baseRun = BaseRun.Open(baseHasFilm ? Base.Value : BaseWithoutFilm.Value, recipe);
        var tokenizer = baseRun.ExtendTokenizer(Episodes.Select(e => e.Instruction).Append("put the zebra on the plate"), recipe.MaxInstructionTokens);
        torch.manual_seed(3);
        using var model = new VlaPolicyModel(recipe, PolicyParts.Resolve(recipe, catalog), tokenizer.VocabularySize);
        var init = baseRun.Initialise(model, tokenizer.VocabularySize);

        var weights = Safetensors.LoadStateDict(baseRun.ModelFile);
        try
        {
            foreach (var (key, tensor) in model.state_dict())
            {
                var matches = weights.TryGetValue(key, out var b) && b.shape.SequenceEqual(tensor.shape);
                init.Loaded.Contains(key).Should().Be(matches, key);
                if (matches) Same(tensor, b!).Should().BeTrue($"{key} is the base's right after initialisation");
            }
            init.Loaded.Should().Contain(k => k.StartsWith("vision.")).And.Contain(k => k.StartsWith("backbone.blocks."));
            model.state_dict().Keys.Where(k => k.StartsWith("vision.") || k.StartsWith("backbone.blocks.")).Should().BeSubsetOf(init.Loaded);
            // The new vocabulary: base rows copied, the new word's row fresh.
            init.Vocabulary.Should().BeGreaterThan(init.BaseVocabulary);
            init.PartiallyLoaded.Should().Contain(p => p.StartsWith("token_embedding.weight"));
            var rows = (int)weights["token_embedding.weight"].shape[0];
            Same(model.state_dict()["token_embedding.weight"].narrow(0, 0, rows), weights["token_embedding.weight"]).Should().BeTrue();
            if (name == "pd-ac-discrete")
            {
                // Positions are mapped segment by segment: agentview patches, then the instruction (after the base's
                // second camera and proprio token), then the first action slots.
                var positions = model.state_dict()["backbone.position_embedding"];
                var basePositions = weights["backbone.position_embedding"];
                int patches = recipe.Vision.TokensPerCamera(recipe.ImageSize), words = recipe.MaxInstructionTokens;
                Same(positions.narrow(0, 0, patches), basePositions.narrow(0, 0, patches)).Should().BeTrue();
                Same(positions.narrow(0, patches, words), basePositions.narrow(0, 2 * patches + 1, words)).Should().BeTrue();
                Same(positions.narrow(0, patches + words, 8), basePositions.narrow(0, 2 * patches + 1 + words, 8)).Should().BeTrue();
                Same(model.state_dict()["camera_embedding"], weights["camera_embedding"].narrow(0, 0, 1)).Should().BeTrue();
            }
            var film = model.state_dict().Where(p => p.Key.StartsWith("conditioning.")).ToList();
            if (name == "oft-plus" && baseHasFilm)
                film.Should().NotBeEmpty().And.OnlyContain(p => init.Loaded.Contains(p.Key), "the base's FiLM projections carry over");
            else if (name == "oft-plus")
            {
                film.Should().NotBeEmpty().And.OnlyContain(p => init.Skipped.Any(s => s.StartsWith(p.Key)));
                film.Where(p => p.Key.Contains("weight")).Should().OnlyContain(p => p.Value.abs().max().item<float>() == 0, "FiLM starts as the identity");
            }
            else init.UnusedBase.Should().Contain(k => k.StartsWith("conditioning."), "a recipe without FiLM leaves the base's unused");
            if (name != "oft-plus")
            {
                // A different head: none of its tensors come from the base, and the base's L1 head is unused.
                model.state_dict().Keys.Where(k => k.StartsWith("head.")).Should().NotIntersectWith(init.Loaded);
                init.UnusedBase.Should().Contain(k => k.StartsWith("head."));
            }
        }
        finally
        {
            foreach (var t in weights.Values) t.Dispose();
        }
    }

    private static bool Same(torch.Tensor a, torch.Tensor b) => a.eq(b).all().item<bool>();

    [Theory]
    [InlineData("pd-ac-discrete")]
    [InlineData("oft-plus")]
    public void Discrete_and_film_recipes_train_from_an_l1_base_and_record_it(string name)
    {
        using var catalog = PartCatalog.Load();
        var recipe = TinyRecipes.Load(name, steps: 8);
        var episodes = Episodes.Select((e, i) => i % 2 == 0 ? e with { Instruction = e.Instruction + " gently" } : e).ToList();
        var result = Trainer.Train(recipe, episodes, catalog, new TrainOptions(NewRun(), BaseRun: Base.Value));
        double.IsFinite(result.FinalLoss).Should().BeTrue();
        var record = BaseInitialisation.Read(new RunFolder(result.Run))!;
        record.Should().NotBeNull();
        record.BaseRun.Should().Be(Path.GetFullPath(Base.Value));
        var file = Path.Combine(Base.Value, "checkpoints", "latest", "model.safetensors");
        record.BaseModelSha256.Should().Be(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))).ToLowerInvariant());
        record.Loaded.Should().NotBeEmpty();
        File.ReadAllText(Path.Combine(result.Run, "base.json")).Should().Contain("\"loaded_count\"").And.Contain("\"skipped\"");
        // The run's own vocabulary keeps the base's ids and adds the new word.
        var baseTokens = new RunFolder(Base.Value).ReadTokenizer();
        var tokens = new RunFolder(result.Run).ReadTokenizer();
        tokens.Gpt2Ids.Take(baseTokens.Gpt2Ids.Count).Should().Equal(baseTokens.Gpt2Ids);
        tokens.UnknownCount(Episodes[0].Instruction + " gently").Should().Be(0);
        baseTokens.UnknownCount(Episodes[0].Instruction + " gently").Should().BeGreaterThan(0, "the base never saw the new word");
        using var policy = VlaPolicy.Load(result.Run, catalog);
        policy.Predict(new SyntheticWorld(5).Observe(32)).Values.Should().OnlyContain(v => float.IsFinite(v));
    }

    [Fact]
    public void Vocabulary_extension_keeps_every_base_id_and_appends_new_ones()
    {
        var baseTokens = InstructionTokenizer.Fit(["put the red cube on the plate", "open the drawer"], 12);
        var extended = baseTokens.Extend(["put the zebra in the basket", "open the drawer"], 16);
        extended.Gpt2Ids.Take(baseTokens.Gpt2Ids.Count).Should().Equal(baseTokens.Gpt2Ids);
        extended.VocabularySize.Should().BeGreaterThan(baseTokens.VocabularySize);
        extended.MaxTokens.Should().Be(16);
        var (oldIds, _) = baseTokens.Encode("put the red cube on the plate");
        extended.Encode("put the red cube on the plate").Ids.Take(12).Should().Equal(oldIds);
        extended.Encode("put the zebra in the basket").Ids.Where(id => id != InstructionTokenizer.Pad)
            .Should().Contain(id => id >= baseTokens.VocabularySize).And.NotContain(InstructionTokenizer.Unknown);
        baseTokens.Extend(["open the drawer"], 12).Gpt2Ids.Should().Equal(baseTokens.Gpt2Ids, "nothing new, nothing added");
    }

    [Theory]
    [InlineData("backbone.width")]
    [InlineData("vision.depth")]
    [InlineData("image_size")]
    public void A_base_with_other_vision_or_backbone_sizes_is_refused_naming_the_field(string field)
    {
        using var catalog = PartCatalog.Load();
        var tiny = TinyRecipes.Load("oft", steps: 4);
        var recipe = field switch
        {
            "backbone.width" => tiny with { Backbone = tiny.Backbone with { Width = 48 } },
            "vision.depth" => tiny with { Vision = tiny.Vision with { Depth = 2 } },
            _ => tiny with { ImageSize = 48 },
        };
        var run = NewRun();
        var act = () => Trainer.Train(recipe, Episodes, catalog, new TrainOptions(run, BaseRun: Base.Value));
        act.Should().Throw<RecipeException>().Which.Field.Should().Be(field);
        Directory.Exists(run).Should().BeFalse("nothing is written before the base is accepted");
    }
}
