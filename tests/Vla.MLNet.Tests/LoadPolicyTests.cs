using Microsoft.ML;
using Vla.Abstractions;

namespace Vla.MLNet.Tests;

[Collection(TrainedPipeline.Collection)]
public sealed class LoadPolicyTests(TrainedPipeline fixture)
{
    /// <summary>The predicted chunk, as PredictionEngine hands it out.</summary>
    public sealed class ChunkOutput
    {
        public float[] ActionChunk { get; set; } = [];
    }

    [Fact]
    public void LoadPolicy_from_the_run_folder_gives_the_same_actions()
    {
        var pixels = TestData.ImagePipeline(fixture.Ml).Fit(fixture.Data).Transform(fixture.Data);
        using var loaded = fixture.Ml.Vla().LoadPolicy(fixture.Policy.RunDirectory);
        loaded.Training.Should().BeNull();
        loaded.Recipe.Should().BeEquivalentTo(fixture.Policy.Recipe);
        var chunks = TrainedPipeline.ReadChunks(loaded.Transform(pixels), loaded.OutputColumnName);
        chunks.Should().HaveCount(fixture.Predictions.Count);
        for (var i = 0; i < chunks.Count; i++) chunks[i].Should().Equal(fixture.Predictions[i], $"row {i}");
    }

    [Fact]
    public void PredictionEngine_runs_the_whole_chain_one_row_at_a_time()
    {
        // OwnsTransformer false: a disposed engine would otherwise dispose the shared fixture's policy.
        using var engine = fixture.Ml.Model.CreatePredictionEngine<StepRow, ChunkOutput>(fixture.Model,
            new Microsoft.ML.PredictionEngineOptions { OwnsTransformer = false });
        foreach (var i in new[] { 0, 17, fixture.Rows.Count - 1 })
            engine.Predict(fixture.Rows[i]).ActionChunk.Should().Equal(fixture.Predictions[i], $"row {i}");
    }

    [Fact]
    public void Transform_names_a_missing_camera_column()
    {
        var pixels = TestData.ImagePipeline(fixture.Ml).Fit(fixture.Data).Transform(fixture.Data);
        var noEye = fixture.Ml.Transforms.DropColumns("eye_in_hand").Fit(pixels).Transform(pixels);
        var transform = () => fixture.Policy.Transform(noEye);
        transform.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'eye_in_hand'*not in the input*");
    }

    [Fact]
    public void LoadPolicy_of_a_folder_without_a_run_says_so()
    {
        var load = () => fixture.Ml.Vla().LoadPolicy(Path.Combine(fixture.Folder, "no-such-run"));
        load.Should().Throw<VlaException>().WithMessage("*does not exist*");
    }
}
