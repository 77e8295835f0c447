using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Data.Streaming;
using Vla.Core.Plugins;
using Vla.Core.Training;
using Vla.Data;

namespace Vla.Cli.Tests.Commands;

/// <summary>`vla train --stream`: frames read from the HDF5 files while training give the in-memory run's weights.</summary>
public class TrainStreamTests
{
    [Fact]
    public void Train_with_stream_gives_the_weights_of_train_without()
    {
        var root = Cli.TempFolder("stream");
        var data = WriteDataset(root);
        var recipe = WriteRecipe(root);

        var memory = Cli.Run("train", "--recipe", recipe, "--data", data, "--steps", "4", "--out", Path.Combine(root, "memory"), "--json");
        var streamed = Cli.Run("train", "--recipe", recipe, "--data", data, "--steps", "4", "--out", Path.Combine(root, "streamed"),
            "--stream", "--cache-mb", "1", "--json");

        memory.ExitCode.Should().Be(0, memory.Error);
        streamed.ExitCode.Should().Be(0, streamed.Error);
        Weights(Path.Combine(root, "streamed")).Should().Equal(Weights(Path.Combine(root, "memory")));
        streamed.Json.GetProperty("final_loss").GetDouble().Should().Be(memory.Json.GetProperty("final_loss").GetDouble());
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void A_dataset_file_damaged_during_training_stops_it_naming_the_file_and_the_key()
    {
        var root = Cli.TempFolder("stream-damaged");
        var data = WriteDataset(root);
        var recipe = Recipe.FromFile(WriteRecipe(root));
        using var catalog = PartCatalog.Load();
        using var store = DatasetReader.Stream(data, DatasetFormat.LiberoHdf5, new DatasetReadOptions(recipe.Cameras, ImageSize: recipe.ImageSize));
        var file = Path.Combine(data, "b_demo.hdf5");
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) stream.SetLength(stream.Length / 3);

        var train = () => Trainer.Train(recipe with { Training = recipe.Training with { Steps = 200 } }, store, catalog,
            new TrainOptions(Path.Combine(root, "run")), new StreamingOptions(CacheBytes: 0));

        train.Should().Throw<VlaException>().WithMessage($"{file}: cannot read 'data/demo_*/obs/*_rgb'*");
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Stream_with_the_synthetic_task_is_a_clear_error()
    {
        var root = Cli.TempFolder("stream-synthetic");
        var r = Cli.Run("train", "--recipe", WriteRecipe(root), "--data", "synthetic", "--stream", "--out", Path.Combine(root, "run"));

        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("--stream").And.NotContain("   at ");
        Directory.Delete(root, recursive: true);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("pretrain")]
    public void A_negative_cache_is_refused_the_same_way_by_train_and_pretrain(string command)
    {
        var root = Cli.TempFolder("stream-cache");
        // pretrain checks it before recording any demonstration (an empty cache folder would otherwise be filled first).
        string[] source = command == "train" ? ["--data", WriteDataset(root)] : ["--demos", Path.Combine(root, "empty"), "--tasks-count", "1"];
        var r = Cli.Run([command, "--recipe", WriteRecipe(root), .. source, "--stream", "--cache-mb", "-1", "--out", Path.Combine(root, "run")]);

        r.ExitCode.Should().Be(2, r.Error);
        r.Error.Should().Contain("--cache-mb must be >= 0, got -1").And.Contain("0 keeps none").And.NotContain("   at ");
        Directory.Exists(Path.Combine(root, "empty")).Should().BeFalse("nothing is recorded for a refused request");
        Directory.Delete(root, recursive: true);
    }

    /// <summary>Two task files of synthetic demos stored at 64 px, read at the recipe's 32 px.</summary>
    private static string WriteDataset(string root)
    {
        var data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        LiberoHdf5Writer.Write(Path.Combine(data, "a_demo.hdf5"), SyntheticTask.Generate(4, 64, seed: 1));
        LiberoHdf5Writer.Write(Path.Combine(data, "b_demo.hdf5"), SyntheticTask.Generate(4, 64, seed: 2));
        return data;
    }

    private static string WriteRecipe(string root)
    {
        var oft = Recipe.FromFile(Path.Combine(RepoPaths.Root, "recipes", "oft.json"));
        var tiny = oft with
        {
            ImageSize = 32,
            MaxInstructionTokens = 12,
            Vision = oft.Vision with { Width = 32, Depth = 1, PatchSize = 8, Heads = 2 },
            Backbone = new BackboneSpec { Width = 32, Depth = 1, Heads = 2, MlpRatio = 2 },
            Training = oft.Training with { Steps = 4, BatchSize = 8, WarmupSteps = 1, ValidateEvery = 2, CheckpointEvery = 100 },
        };
        var path = Path.Combine(root, "tiny.json");
        File.WriteAllText(path, tiny.ToJson());
        return path;
    }

    private static byte[] Weights(string run) => File.ReadAllBytes(Path.Combine(run, "checkpoints", "latest", "model.safetensors"));
}
