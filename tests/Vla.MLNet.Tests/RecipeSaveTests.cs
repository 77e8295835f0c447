using Microsoft.ML;

namespace Vla.MLNet.Tests;

/// <summary>Every recipe saves as a .zip that loads with ML.NET alone and gives the TorchSharp policy's actions.</summary>
[Collection(TrainedPipeline.Collection)]
public sealed class RecipeSaveTests(TrainedPipeline fixture)
{
    [Theory]
    [InlineData("oft")]
    [InlineData("oft-plus")]
    [InlineData("oft-l1-single")]
    [InlineData("pd-ac-discrete")]
    [InlineData("oft-diffusion")]   // DDIM loop unrolled in the graph
    [InlineData("openvla")]         // greedy KV-cached decode unrolled in the graph
    public void Every_recipe_round_trips_through_a_zip(string name)
    {
        var pixels = TestData.ImagePipeline(fixture.Ml).Fit(fixture.Data).Transform(fixture.Data);
        using var policy = Fit(name, pixels);
        var zip = Path.Combine(fixture.Folder, $"{name}.zip");
        fixture.Ml.Model.Save(policy, policy.SaveSchema, zip);

        var expected = TrainedPipeline.ReadChunks(policy.Transform(pixels), "ActionChunk");
        var actual = TrainedPipeline.ReadChunks(new MLContext().Model.Load(zip, out _).Transform(pixels), "ActionChunk");
        actual.Should().HaveCount(expected.Count);
        actual.Zip(expected, (a, e) => a.Zip(e, (x, y) => Math.Abs(x - y)).Max()).Max().Should().BeLessThan(1e-5f);
    }

    private VlaPolicyTransformer Fit(string name, IDataView pixels) =>
        fixture.Ml.Vla().Policy(new VlaPolicyEstimator.Options
        {
            Recipe = RecipeFiles.Tiny(name), EpisodeColumn = nameof(StepRow.Episode),
            RunDirectory = Path.Combine(fixture.Folder, $"run-{name}"),
        }).Fit(pixels);
}
