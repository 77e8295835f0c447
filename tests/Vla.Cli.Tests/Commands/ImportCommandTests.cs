using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Data;
using Vla.Data.Tests;

namespace Vla.Cli.Tests.Commands;

/// <summary>`vla import`: other layouts -> ours, atomically; the result reads back identical and trains.</summary>
public class ImportCommandTests
{
    [Fact]
    public void Aloha_import_reads_back_identical_at_native_size_and_trains()
    {
        var root = Cli.TempFolder("import-aloha");
        var input = Directory.CreateDirectory(Path.Combine(root, "sim_transfer_cube")).FullName;
        for (var e = 0; e < 3; e++)
            AlohaH5pyWriter.Write(new AlohaH5pyWriter.Spec(Path.Combine(input, $"episode_{e}.hdf5"), Episode: e, Cameras: AlohaRecipeCameras));
        var output = Path.Combine(root, "imported");

        var r = Cli.Run("import", "--format", "aloha-hdf5", "--in", input, "--out", output, "--json");

        r.ExitCode.Should().Be(0, r.Error);
        r.Json.GetProperty("format").GetString().Should().Be("aloha-hdf5");
        r.Json.GetProperty("episodes").GetInt32().Should().Be(3);
        r.Json.GetProperty("frames").GetInt64().Should().Be(18);
        r.Json.GetProperty("frames_per_s").GetDouble().Should().BePositive();
        r.Json.GetProperty("out").GetString().Should().Be(output);
        Directory.GetFiles(output, "*.hdf5").Select(Path.GetFileName).Should().Equal("sim_transfer_cube_demo.hdf5");
        File.Exists(Path.Combine(output, DatasetStatisticsCache.FileName)).Should().BeTrue("statistics are stored with the import");
        Directory.GetDirectories(root).Select(Path.GetFileName).Should().BeEquivalentTo("sim_transfer_cube", "imported");
        Expected.SameEpisodes(LiberoHdf5Reader.Read(output), AlohaHdf5Reader.Read(input));

        var recipe = Path.Combine(root, "aloha.json");
        File.WriteAllText(recipe, TinyRecipe().ToJson());
        foreach (var data in new[] { output, input })   // ours, and the ALOHA folder directly (detected by /action)
        {
            var train = Cli.Run("train", "--recipe", recipe, "--data", data, "--steps", "2", "--out", Path.Combine(root, $"run-{Path.GetFileName(data)}"), "--json");
            train.ExitCode.Should().Be(0, train.Error);
        }
        var trained = Recipe.FromFile(Path.Combine(root, "run-sim_transfer_cube", "recipe.json"));
        (trained.Chunk, trained.Normalization.Mode, trained.Normalization.UnnormalizedActionDims.Count).Should().Be((25, "minmax", 0));
        // export compares engines on samples of the run's data (min/max bounds in the graph): the ALOHA folder must be
        // read as ALOHA there too
        var export = Cli.Run("export", "--run", Path.Combine(root, "run-sim_transfer_cube"), "--samples", "2", "--json");
        export.ExitCode.Should().Be(0, export.Error);
        // max_abs_diff is in raw units: the fixture's actions span 0..516, so 1e-4 of the normalised range is 0.026
        export.Json.GetProperty("max_abs_diff").GetDouble().Should().BeLessThan(1e-4 * 516 / 2);
    }

    [Fact]
    public void Libero_import_with_an_instruction_and_a_size_reads_back_resized()
    {
        var root = Cli.TempFolder("import-libero");
        var input = H5pyWriter.Write(new H5pyWriter.Spec(Path.Combine(root, "task_demo.hdf5")));
        var output = Path.Combine(root, "out");

        var r = Cli.Run("import", "--format", "libero-hdf5", "--in", input, "--out", output, "--instruction", "stack the cups!",
            "--image-size", "8", "--json");

        r.ExitCode.Should().Be(0, r.Error);
        var expected = LiberoHdf5Reader.Read(input, new LiberoReadOptions(Instruction: "stack the cups!", ImageSize: 8));
        var file = Path.Combine(output, "stack_the_cups__demo.hdf5");
        Expected.SameEpisodes(LiberoHdf5Reader.Read(file), expected);
    }

    [Fact]
    public void Robomimic_import_reads_robomimic_proprio_and_chosen_cameras()
    {
        var root = Cli.TempFolder("import-robomimic");
        var input = H5pyWriter.Write(new H5pyWriter.Spec(Path.Combine(root, "lift.hdf5"), ActionDtype: "float64", Gzip: true,
            Cameras: ["agentview_image", "robot0_eye_in_hand_image"], ProblemInfo: null,
            Proprio: [("robot0_eef_pos", 3), ("robot0_eef_quat", 4), ("robot0_gripper_qpos", 2), ("object", 10)]));
        var output = Path.Combine(root, "out");

        var r = Cli.Run("import", "--format", "robomimic-hdf5", "--in", input, "--out", output, "--cameras", "robot0_eye_in_hand", "--json");

        r.ExitCode.Should().Be(0, r.Error);
        var e = LiberoHdf5Reader.Read(Path.Combine(output, "lift_demo.hdf5"))[1];
        e.Frames.Keys.Should().Equal("robot0_eye_in_hand");
        e.Frames["robot0_eye_in_hand"][2].Should().Equal(Expected.Frame(1, 1, 2, 16));
        e.Proprio[3].Should().Equal(Enumerable.Range(0, 3).Select(j => Expected.Proprio(1, 3, 0, j))
            .Concat(Enumerable.Range(0, 4).Select(j => Expected.Proprio(1, 3, 1, j)))
            .Concat(Enumerable.Range(0, 2).Select(j => Expected.Proprio(1, 3, 2, j))), "robomimic's 9-D proprio, not 'object'");
    }

    [Fact]
    public void A_corrupt_input_is_a_clear_error_and_writes_nothing()
    {
        var root = Cli.TempFolder("import-corrupt");
        var input = Directory.CreateDirectory(Path.Combine(root, "in")).FullName;
        AlohaH5pyWriter.Write(new AlohaH5pyWriter.Spec(Path.Combine(input, "episode_0.hdf5")));
        var bad = AlohaH5pyWriter.Write(new AlohaH5pyWriter.Spec(Path.Combine(input, "episode_1.hdf5"), Steps: 30));
        using (var stream = File.Open(bad, FileMode.Open)) stream.SetLength(stream.Length / 2);
        var output = Path.Combine(root, "out");

        var r = Cli.Run("import", "--format", "aloha-hdf5", "--in", input, "--out", output, "--json");

        r.ExitCode.Should().Be(2);
        r.Error.Should().StartWith("error:").And.Contain(bad).And.NotContain("   at ");
        Directory.Exists(output).Should().BeFalse();
        Directory.GetFileSystemEntries(root).Select(Path.GetFileName).Should().Equal("in");   // no temp folder left
    }

    [Fact]
    public void An_existing_output_folder_is_refused()
    {
        var root = Cli.TempFolder("import-exists");
        var input = AlohaH5pyWriter.Write(new AlohaH5pyWriter.Spec(Path.Combine(root, "episode_0.hdf5")));
        var output = Directory.CreateDirectory(Path.Combine(root, "out")).FullName;
        File.WriteAllText(Path.Combine(output, "keep.txt"), "mine");

        var r = Cli.Run("import", "--format", "aloha-hdf5", "--in", input, "--out", output);

        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("already exists");
        File.ReadAllText(Path.Combine(output, "keep.txt")).Should().Be("mine");
    }

    private static readonly string[] AlohaRecipeCameras = ["cam_high", "cam_left_wrist", "cam_right_wrist"];

    /// <summary>The shipped ALOHA recipe (14-D, K=25, min/max) at tiny size on the fixture's 16 px cameras.</summary>
    private static Recipe TinyRecipe()
    {
        var tiny = TinyCliRecipes.Load("aloha");
        tiny.Cameras.Should().Equal(AlohaRecipeCameras);
        return tiny with { ImageSize = 16, MaxInstructionTokens = 12, Training = tiny.Training with { Steps = 2, BatchSize = 4 } };
    }
}
