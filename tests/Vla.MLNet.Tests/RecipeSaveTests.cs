using Microsoft.ML;

namespace Vla.MLNet.Tests;

/// <summary>Every one-pass recipe saves as a .zip that loads with ML.NET alone; iterative ones refuse with the reason.</summary>
[Collection(TrainedPipeline.Collection)]
public sealed class RecipeSaveTests(TrainedPipeline fixture)
{
    [Theory]
    [InlineData("oft")]
    [InlineData("oft-plus")]
    [InlineData("oft-l1-single")]
    [InlineData("pd-ac-discrete")]
    public void One_pass_recipes_round_trip_through_a_zip(string name)
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

    [Theory]
    [InlineData("oft-diffusion")]
    [InlineData("openvla")]
    public void Iterative_recipes_refuse_to_save_naming_the_reason_and_the_recipes_that_save(string name)
    {
        var pixels = TestData.ImagePipeline(fixture.Ml).Fit(fixture.Data).Transform(fixture.Data);
        using var policy = Fit(name, pixels);
        using var stream = new MemoryStream();
        var save = () => fixture.Ml.Model.Save(policy, policy.SaveSchema, stream);
        var error = save.Should().Throw<Exception>().Which;
        var notSupported = error as NotSupportedException ?? error.InnerException as NotSupportedException;
        notSupported.Should().NotBeNull(error.ToString());
        notSupported!.Message.Should().Contain("iteratively").And.Contain("ONNX Loop").And.Contain("oft-plus")
            .And.Contain("pd-ac-discrete").And.Contain(policy.RunDirectory);
    }

    private VlaPolicyTransformer Fit(string name, IDataView pixels) =>
        fixture.Ml.Vla().Policy(new VlaPolicyEstimator.Options
        {
            Recipe = RecipeFiles.Tiny(name), EpisodeColumn = nameof(StepRow.Episode),
            RunDirectory = Path.Combine(fixture.Folder, $"run-{name}"),
        }).Fit(pixels);
}
