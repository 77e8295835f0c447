using Microsoft.ML;
using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.MLNet.Tests;

/// <summary>Bad columns fail before any training, with an error naming the column (no fixture: nothing trains here).</summary>
public sealed class SchemaTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _folder = TestData.TempFolder("schema");
    private readonly IDataView _data;

    public SchemaTests() =>
        _data = _ml.Data.LoadFromEnumerable(TestData.WriteRows(SyntheticTask.Generate(1, TestData.ImageSize, seed: 5), _folder));

    private Action FitWith(VlaPolicyEstimator.Options options, IEstimator<ITransformer>? images = null) =>
        () => (images ?? TestData.ImagePipeline(_ml)).Append(_ml.Vla().Policy(options with { Steps = 1 })).Fit(_data);

    private static VlaPolicyEstimator.Options Options => new() { Recipe = TestData.TinyRecipe(), EpisodeColumn = nameof(StepRow.Episode) };

    [Fact]
    public void A_missing_camera_column_is_named()
    {
        var fit = FitWith(Options with { CameraColumns = new Dictionary<string, string> { ["agentview"] = "front" } });
        fit.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*column 'front' (camera 'agentview' pixels) is not in the input*");
    }

    [Fact]
    public void A_missing_label_column_is_named()
    {
        var fit = () => TestData.ImagePipeline(_ml).Append(_ml.Vla().Policy(TestData.TinyRecipe(), labelColumnName: "Chunk")).Fit(_data);
        fit.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*column 'Chunk' (action-chunk label) is not in the input*");
    }

    [Fact]
    public void A_label_of_the_wrong_size_is_named_with_K_times_D()
    {
        var fit = FitWith(Options with { Recipe = TestData.TinyRecipe() with { Chunk = 3 } });
        fit.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*column 'Label' (action-chunk label) must be a vector of 21 floats*3*7*but is a vector of 28*");
    }

    [Fact]
    public void A_camera_column_of_the_wrong_size_is_named()
    {
        var fit = FitWith(Options with { CameraColumns = new Dictionary<string, string> { ["eye_in_hand"] = nameof(StepRow.Label) } });
        fit.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*column 'Label' (camera 'eye_in_hand' pixels) must be a vector of 3*32*32 = 3072*but is a vector of 28*");
    }

    [Fact]
    public void Image_size_options_that_disagree_with_the_pixels_are_named()
    {
        var fit = FitWith(Options with { ImageHeight = 64, ImageWidth = 64 });
        fit.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*column 'agentview'*64x64*but is 32x32*");
    }

    [Fact]
    public void Interleaved_pixels_are_refused_with_the_fix()
    {
        var images = _ml.Transforms.LoadImages("agentview", null, nameof(StepRow.AgentviewPath))
            .Append(_ml.Transforms.LoadImages("eye_in_hand", null, nameof(StepRow.EyeInHandPath)))
            .Append(_ml.Transforms.ResizeImages("agentview", TestData.ImageSize, TestData.ImageSize))
            .Append(_ml.Transforms.ResizeImages("eye_in_hand", TestData.ImageSize, TestData.ImageSize))
            .Append(_ml.Transforms.ExtractPixels("agentview", interleavePixelColors: true))
            .Append(_ml.Transforms.ExtractPixels("eye_in_hand"));
        FitWith(Options, images).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*column 'agentview'*interleaved*interleavePixelColors: false*");
    }

    [Fact]
    public void An_instruction_that_is_not_text_is_named()
    {
        var fit = FitWith(Options with { InstructionColumn = nameof(StepRow.Episode) });
        fit.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*column 'Episode' (instruction) must be a scalar of String*");
    }

    [Fact]
    public void An_episode_column_that_is_a_vector_is_named()
    {
        var fit = FitWith(Options with { EpisodeColumn = nameof(StepRow.Proprio) });
        fit.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*column 'Proprio' (episode id) must be a scalar*");
    }

    [Fact]
    public void Options_without_a_recipe_are_refused()
    {
        var create = () => _ml.Vla().Policy(new VlaPolicyEstimator.Options());
        create.Should().Throw<ArgumentException>().WithMessage("*Options.Recipe is required*");
    }

    [Fact]
    public void A_camera_the_recipe_does_not_have_is_named()
    {
        var create = () => _ml.Vla().Policy(Options with { CameraColumns = new Dictionary<string, string> { ["wrist"] = "x" } });
        create.Should().Throw<ArgumentException>().WithMessage("*cameras the recipe does not have: wrist*agentview, eye_in_hand*");
    }

    [Fact]
    public void A_recipe_file_is_read_and_its_dimensions_size_the_label()
    {
        var path = Path.Combine(_folder, "tiny.json");
        File.WriteAllText(path, (TestData.TinyRecipe() with { Chunk = 2 }).ToJson());
        var fit = () => TestData.ImagePipeline(_ml).Append(_ml.Vla().Policy(path, episodeColumnName: nameof(StepRow.Episode), steps: 1)).Fit(_data);
        fit.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*column 'Label' (action-chunk label) must be a vector of 14 floats*");
    }

    [Fact]
    public void A_missing_recipe_file_is_named()
    {
        var create = () => _ml.Vla().Policy(Path.Combine(_folder, "missing.json"));
        create.Should().Throw<VlaException>().WithMessage("*missing.json*does not exist*");
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
