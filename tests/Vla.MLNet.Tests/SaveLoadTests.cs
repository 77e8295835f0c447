using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Vla.MLNet.Tests;

/// <summary>mlContext.Model.Save / Load of a fitted policy: in this process, in a fresh one (the sample), and damaged files.</summary>
[Collection(TrainedPipeline.Collection)]
public sealed class SaveLoadTests(TrainedPipeline fixture)
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void The_saved_zip_loads_with_ML_NET_alone_and_predicts_the_same_chunks()
    {
        var zip = SavePolicy("policy.zip");
        var loaded = new MLContext().Model.Load(zip, out var schema);

        loaded.Should().NotBeAssignableTo<VlaPolicyTransformer>("the .zip holds ML.NET's own OnnxTransformer");
        schema.Select(c => c.Name).Should().Equal("agentview", "eye_in_hand", "Instruction", "Proprio");
        var output = loaded.Transform(Pixels(fixture.Ml));
        var type = (VectorDataViewType)output.Schema["ActionChunk"].Type;
        type.Dimensions.ToArray().Should().Equal(TestData.Chunk, TestData.ActionDim);
        MaxDifference(TrainedPipeline.ReadChunks(output, "ActionChunk"), fixture.Predictions).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void SaveModel_writes_a_run_folder_as_a_zip_like_vla_export()
    {
        var zip = Path.Combine(fixture.Folder, "from-run.zip");
        fixture.Ml.Vla().SaveModel(fixture.Policy.RunDirectory, zip);
        var loaded = new MLContext().Model.Load(zip, out _);
        var chunks = TrainedPipeline.ReadChunks(loaded.Transform(Pixels(fixture.Ml)), "ActionChunk");
        MaxDifference(chunks, fixture.Predictions).Should().BeLessThan(Tolerance);
        Directory.GetFiles(fixture.Folder, "from-run.zip.tmp-*").Should().BeEmpty();
    }

    [Fact]
    public void The_whole_pipeline_from_image_paths_saves_and_loads()
    {
        var zip = Path.Combine(fixture.Folder, "pipeline.zip");
        fixture.Ml.Model.Save(fixture.Model, fixture.Data.Schema, zip);
        var loaded = new MLContext().Model.Load(zip, out _);
        var chunks = TrainedPipeline.ReadChunks(loaded.Transform(fixture.Data), "ActionChunk");
        MaxDifference(chunks, fixture.Predictions).Should().BeLessThan(Tolerance);
    }

    [Fact]
    public void The_sample_loads_the_zip_in_a_fresh_process_and_predicts_the_same_actions()
    {
        var zip = SavePolicy("fresh.zip");
        foreach (var i in new[] { 0, fixture.Rows.Count / 2 })
        {
            var row = fixture.Rows[i];
            var (code, stdout, stderr) = SampleProgram.Run(zip, $"{row.AgentviewPath},{row.EyeInHandPath}", row.Instruction,
                string.Join(",", row.Proprio.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            code.Should().Be(0, stderr);
            var actions = SampleProgram.Actions(stdout);
            actions.Should().HaveCount(TestData.Chunk * TestData.ActionDim);
            MaxDifference([actions], [fixture.Predictions[i]]).Should().BeLessThan(Tolerance, $"row {i}");
        }
    }

    [Fact]
    public void The_sample_reports_a_missing_or_truncated_zip_as_one_error_line()
    {
        var missing = Path.Combine(fixture.Folder, "no-such-model.zip");
        var zip = SavePolicy("whole.zip");
        var truncated = Path.Combine(fixture.Folder, "truncated.zip");
        var bytes = File.ReadAllBytes(zip);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var image = fixture.Rows[0].AgentviewPath;

        var (code, _, stderr) = SampleProgram.Run(missing, image, "pick up the red cube");
        code.Should().Be(1);
        stderr.Should().StartWith("error: model file").And.Contain("does not exist").And.NotContain("   at ");

        (code, _, stderr) = SampleProgram.Run(truncated, image, "pick up the red cube");
        code.Should().Be(1);
        stderr.Should().StartWith("error: ").And.Contain("truncated").And.NotContain("   at ");
    }

    [Fact]
    public void LoadModel_given_images_of_another_size_names_the_column_and_the_fix()
    {
        var zip = SavePolicy("shape.zip");
        var ml = new MLContext();
        var loaded = ml.Vla().LoadModel(zip);
        MaxDifference(TrainedPipeline.ReadChunks(loaded.Transform(Pixels(ml)), "ActionChunk"), fixture.Predictions).Should().BeLessThan(Tolerance);

        var big = TestData.ImagePipeline(ml, size: 2 * TestData.ImageSize).Fit(fixture.Data).Transform(fixture.Data);
        var act = () => loaded.Transform(big);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.Message.Should()
            .Contain("'agentview'").And.Contain("(3, 32, 32)").And.Contain("(3, 64, 64)").And.Contain("ResizeImages");
    }

    [Fact]
    public void LoadModel_reports_a_missing_or_truncated_zip_with_the_fix()
    {
        var ml = new MLContext();
        var missing = () => ml.Vla().LoadModel(Path.Combine(fixture.Folder, "absent.zip"));
        missing.Should().Throw<FileNotFoundException>().WithMessage("*does not exist*mlContext.Model.Save*");

        var bytes = File.ReadAllBytes(SavePolicy("full.zip"));
        foreach (var length in new[] { 0, 100, bytes.Length / 2, bytes.Length - 10 })
        {
            var truncated = Path.Combine(fixture.Folder, $"truncated-{length}.zip");
            File.WriteAllBytes(truncated, bytes[..length]);
            var load = () => ml.Vla().LoadModel(truncated);
            load.Should().Throw<InvalidDataException>($"{length} of {bytes.Length} bytes")
                .WithMessage("*not a complete ML.NET model .zip*truncated*save it again*");
        }
    }

    private string SavePolicy(string name)
    {
        var zip = Path.Combine(fixture.Folder, name);
        fixture.Ml.Model.Save(fixture.Policy, fixture.Policy.SaveSchema, zip);
        return zip;
    }

    private IDataView Pixels(MLContext ml) => TestData.ImagePipeline(ml).Fit(fixture.Data).Transform(fixture.Data);

    private static double MaxDifference(IReadOnlyList<float[]> a, IReadOnlyList<float[]> b)
    {
        a.Should().HaveCount(b.Count);
        return a.Zip(b, (x, y) => x.Zip(y, (u, v) => Math.Abs((double)u - v)).Max()).Max();
    }
}
