using Vla.Abstractions;
using Vla.Data;
using Vla.Data.LeRobot;
using Vla.Data.Tests;

namespace Vla.Cli.Tests;

/// <summary>`vla export-data --format lerobot`, and LeRobot folders going back in through `vla import`, `stats` and `train`.</summary>
public class ExportDataCommandTests
{
    [Fact]
    public void Demos_export_to_lerobot_import_back_identical_and_train()
    {
        var root = Commands.Cli.TempFolder("export-data");
        var demos = Directory.CreateDirectory(Path.Combine(root, "demos")).FullName;
        H5pyWriter.Write(new H5pyWriter.Spec(Path.Combine(demos, "put_the_bowl_on_the_plate_demo.hdf5"), Demos: [0, 1, 2], Steps: 6));
        var exported = Path.Combine(root, "lerobot");

        var r = Commands.Cli.Run("export-data", "--data", demos, "--format", "lerobot", "--out", exported, "--fps", "10", "--json");

        r.ExitCode.Should().Be(0, r.Error);
        (r.Json.GetProperty("episodes").GetInt32(), r.Json.GetProperty("frames").GetInt64()).Should().Be((3, 18L));
        r.Json.GetProperty("seconds").GetDouble().Should().BePositive();
        r.Json.GetProperty("out").GetString().Should().Be(exported);
        r.Json.GetProperty("data_format").GetString().Should().Be("libero-hdf5");
        Expected.SameEpisodes(LeRobotReader.Read(exported), LiberoHdf5Reader.Read(demos));
        File.ReadAllText(Path.Combine(exported, "meta/info.json")).Should().Contain("\"fps\": 10");

        var imported = Path.Combine(root, "imported");
        var back = Commands.Cli.Run("import", "--format", "lerobot", "--in", exported, "--out", imported, "--json");
        back.ExitCode.Should().Be(0, back.Error);
        back.Json.GetProperty("format").GetString().Should().Be("lerobot");
        Expected.SameEpisodes(LiberoHdf5Reader.Read(imported), LiberoHdf5Reader.Read(demos));

        var stats = Commands.Cli.Run("stats", "--data", exported, "--json");
        stats.ExitCode.Should().Be(0, stats.Error);
        stats.Json.GetProperty("format").GetString().Should().Be("lerobot");
        stats.Json.GetProperty("frames").GetInt64().Should().Be(18);
        stats.Json.GetProperty("statistics_file").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "a LeRobot folder is not written into");
        File.Exists(DatasetStatisticsCache.PathFor(exported)).Should().BeFalse();
        Commands.Cli.Run("stats", "--data", exported).Out.Should().Contain("computed (not cached");

        var recipe = Path.Combine(root, "tiny.json");
        File.WriteAllText(recipe, TinyRecipe().ToJson());
        var train = Commands.Cli.Run("train", "--recipe", recipe, "--data", exported, "--steps", "2", "--out", Path.Combine(root, "run"), "--json");
        train.ExitCode.Should().Be(0, train.Error);
    }

    [Fact]
    public void A_missing_input_is_a_clear_error_and_writes_nothing()
    {
        var root = Commands.Cli.TempFolder("export-data-missing");
        var output = Path.Combine(root, "out");

        var r = Commands.Cli.Run("export-data", "--data", Path.Combine(root, "nothing"), "--format", "lerobot", "--out", output, "--json");

        r.ExitCode.Should().Be(2);
        r.Error.Should().StartWith("error:").And.Contain(Path.Combine(root, "nothing")).And.NotContain("   at ");
        Directory.GetFileSystemEntries(root).Should().BeEmpty();
    }

    [Fact]
    public void Only_known_formats_are_accepted_and_help_shows_an_example()
    {
        var r = Commands.Cli.Run("export-data", "--data", "x", "--format", "rlds", "--out", "y");
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain("rlds");

        var help = Commands.Cli.Run("export-data", "--help");
        help.ExitCode.Should().Be(0);
        help.Out.Should().Contain("example: vla export-data").And.Contain("--fps");
    }

    /// <summary>A tiny model for the fixture's 7-D actions, 8-D proprio and two 16 px cameras.</summary>
    private static Recipe TinyRecipe()
    {
        var tiny = Commands.TinyCliRecipes.Load();
        return tiny with
        {
            ImageSize = 16, ActionDim = 7, ProprioDim = 8, Cameras = ["agentview", "eye_in_hand"], MaxInstructionTokens = 12,
            Training = tiny.Training with { Steps = 2, BatchSize = 4 },
        };
    }
}
