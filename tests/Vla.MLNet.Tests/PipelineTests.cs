using Microsoft.ML.Data;

namespace Vla.MLNet.Tests;

[Collection(TrainedPipeline.Collection)]
public sealed class PipelineTests(TrainedPipeline fixture)
{
    private const int ChunkSize = TestData.Chunk * TestData.ActionDim;

    [Fact]
    public void Transform_adds_a_K_by_D_float_chunk_column()
    {
        var column = fixture.Output.Schema[fixture.Policy.OutputColumnName];
        column.Name.Should().Be("ActionChunk");
        var type = column.Type.Should().BeOfType<VectorDataViewType>().Subject;
        type.ItemType.Should().Be(NumberDataViewType.Single);
        type.Size.Should().Be(ChunkSize);
        type.Dimensions.ToArray().Should().Equal(TestData.Chunk, TestData.ActionDim);
        fixture.Predictions.Should().HaveCount(fixture.Rows.Count);
        fixture.Predictions.Should().AllSatisfy(p => p.Should().HaveCount(ChunkSize).And.OnlyContain(v => float.IsFinite(v)));
    }

    [Fact]
    public void Predicted_chunks_fit_the_labels_better_than_their_mean()
    {
        var labels = fixture.Rows.Select(r => r.Label).ToList();
        var mean = Enumerable.Range(0, ChunkSize).Select(i => labels.Average(l => l[i])).ToArray();
        // The median is the best constant under L1 (the loss): beating it proves the policy reads its inputs.
        var median = Enumerable.Range(0, ChunkSize).Select(i => labels.Select(l => l[i]).Order().ElementAt(labels.Count / 2)).ToArray();
        var modelError = MeanAbsoluteError(fixture.Predictions, labels);
        var meanError = MeanAbsoluteError(labels.Select(_ => mean).ToList(), labels);
        var medianError = MeanAbsoluteError(labels.Select(_ => median).ToList(), labels);
        modelError.Should().BeLessThan(meanError, "the policy should beat predicting the label mean");
        modelError.Should().BeLessThan(0.8 * medianError, $"the policy should beat the best constant (median: {medianError:F3})");
    }

    [Fact]
    public void Input_columns_pass_through_unchanged()
    {
        fixture.Output.GetColumn<string>(nameof(StepRow.Instruction)).Should().Equal(fixture.Rows.Select(r => r.Instruction));
        fixture.Output.GetColumn<int>(nameof(StepRow.Episode)).Should().Equal(fixture.Rows.Select(r => r.Episode));
        fixture.Output.GetRowCount().Should().Be(fixture.Rows.Count);
    }

    [Fact]
    public void Fit_writes_a_run_folder_and_reports_training()
    {
        var training = fixture.Policy.Training!;
        training.Steps.Should().Be(TrainedPipeline.Steps);
        training.TrainFrames.Should().BeGreaterThan(0);
        training.ValidationFrames.Should().BeGreaterThan(0, "the episode column lets whole episodes be held out");
        File.Exists(Path.Combine(fixture.Policy.RunDirectory, "recipe.json")).Should().BeTrue();
        Directory.Exists(Path.Combine(fixture.Policy.RunDirectory, "checkpoints", "latest")).Should().BeTrue();
    }

    private static double MeanAbsoluteError(IReadOnlyList<float[]> predictions, IReadOnlyList<float[]> labels) =>
        predictions.Zip(labels, (p, l) => p.Zip(l, (a, b) => Math.Abs(a - b)).Average()).Average();
}
