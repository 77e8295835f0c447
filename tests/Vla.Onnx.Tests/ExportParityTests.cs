using Vla.Abstractions;
using Vla.Core.Inference;
using Vla.Core.Plugins;

namespace Vla.Onnx.Tests;

/// <summary>ONNX Runtime vs TorchSharp eager on the same run: every recipe, batch 1 and 3, both vision kinds, FiLM on/off.</summary>
public sealed class ExportParityTests : IDisposable
{
    private readonly PartCatalog _catalog = PartCatalog.Load();

    public static TheoryData<string> Recipes() => new(TestRuns.RecipeNames);

    [Theory]
    [MemberData(nameof(Recipes))]
    public void Every_recipe_exports_and_matches_torch(string name) => AssertParity(TestRuns.Tiny(name));

    [Theory]
    [MemberData(nameof(Recipes))]
    public void Every_recipe_at_its_full_size_exports_and_matches_torch(string name) =>
        AssertParity(Recipe.FromFile(Path.Combine(TestRuns.RepoRoot, "recipes", name + ".json")));

    [Theory]
    [InlineData("vit", "none")]
    [InlineData("vit", "film")]
    [InlineData("conv", "none")]
    [InlineData("conv", "film")]
    public void Vision_kinds_and_conditioning_match_torch(string vision, string conditioning) =>
        AssertParity(TestRuns.Tiny("oft", vision) with { Conditioning = conditioning });

    [Theory]
    [InlineData("vit")]
    [InlineData("conv")]
    public void Spatial_keypoints_match_torch(string vision)
    {
        var recipe = TestRuns.Tiny("oft-plus", vision);
        AssertParity(recipe with { Vision = recipe.Vision with { Keypoints = 3 } });
    }

    [Theory]
    [InlineData("vit", false)]
    [InlineData("conv", false)]
    [InlineData("vit", true)]
    public void The_pointing_readout_matches_torch(string vision, bool state)
    {
        var recipe = TestRuns.Tiny("oft-plus", vision);
        AssertParity(recipe with
        {
            Vision = recipe.Vision with { PointingReadout = true, PointingState = state },
            Training = recipe.Training with { PointingWeight = 1 },
        });
    }

    [Theory]
    [InlineData("film", true)]
    [InlineData("none", true)]
    [InlineData("film", false)]
    public void The_ordered_instruction_matches_torch(string conditioning, bool pointing)
    {
        var recipe = TestRuns.Tiny("oft-plus");
        AssertParity(recipe with
        {
            Conditioning = conditioning,
            Vision = recipe.Vision with { PointingReadout = pointing, PointingState = pointing, OrderedInstruction = true },
            Training = recipe.Training with { PointingWeight = pointing ? 1 : 0 },
        });
    }

    [Fact]
    public void A_model_trained_with_the_localization_head_exports_without_it()
    {
        var recipe = TestRuns.Tiny("oft-plus");
        AssertParity(recipe with { Training = recipe.Training with { LocalizationWeight = 1 } });
    }

    [Fact]
    public void Conv_stem_with_diffusion_and_film_matches_torch() =>
        AssertParity(TestRuns.Tiny("oft-diffusion", "conv") with { Conditioning = "film" });

    [Fact]
    public void Images_of_another_size_are_resized_like_torch_up_to_byte_rounding()
    {
        var recipe = TestRuns.Tiny("oft");
        var run = TestRuns.Create(recipe, _catalog);
        PolicyExporter.Export(run, _catalog);
        using var torch = VlaPolicy.Load(run, _catalog);
        using var ort = OrtPolicy.Load(run);
        var larger = new Vla.Core.Data.SyntheticWorld(77).Observe(48);
        var diff = ort.Predict(larger).Values.Zip(torch.Predict(larger).Values, (a, e) => Math.Abs(a - e)).Max();
        diff.Should().BeLessThan(0.02f, "the ONNX engine resizes the same way, then rounds to the graph's uint8 input");
    }

    private void AssertParity(Recipe recipe)
    {
        var run = TestRuns.Create(recipe, _catalog);
        var export = PolicyExporter.Export(run, _catalog);
        File.Exists(export.Policy).Should().BeTrue();
        using var torch = VlaPolicy.Load(run, _catalog);
        using var ort = OrtPolicy.Load(run);
        var observations = TestRuns.Observations(recipe, 4);
        foreach (var batch in new[] { observations.Take(1).ToList(), observations.Skip(1).Take(3).ToList() })
        {
            var (expected, actual) = (torch.Predict(batch), ort.Predict(batch));
            actual.Should().HaveCount(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                actual[i].K.Should().Be(recipe.Chunk);
                actual[i].D.Should().Be(recipe.ActionDim);
                // Discrete heads: a different bin would move an action by a whole bin (2/255 of the range, >= 1e-3 here),
                // so agreement to 1e-4 means the same bins were chosen.
                var diff = actual[i].Values.Zip(expected[i].Values, (a, e) => Math.Abs(a - e)).Max();
                diff.Should().BeLessThan(1e-4f, $"{recipe.Name} ({recipe.Vision.Kind}, {recipe.Conditioning}), batch {batch.Count}, sample {i}");
            }
        }
    }

    public void Dispose() => _catalog.Dispose();
}
