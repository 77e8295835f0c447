using Vla.Abstractions;

namespace Vla.Cli.Tests.Commands;

/// <summary>The benchmark's loop through the CLI: demos -> train (reading the HDF5 files) -> export -> closed-loop eval.</summary>
public class DemosTrainEvalTests
{
    private const string Task = "pick_red_cube_basket";

    [Fact]
    public void Demos_train_and_eval_round_trip_through_the_cli()
    {
        var root = Cli.TempFolder("loop");
        var data = Path.Combine(root, "demos");
        var demos = Cli.Run("demos", "--suite", "object", "--task", Task, "--episodes-per-task", "3", "--image-size", "32",
            "--out", data, "--json");
        demos.ExitCode.Should().Be(0, demos.Error);
        demos.Json.GetProperty("expert_success_rate").GetDouble().Should().BeGreaterThan(0.9);
        var file = demos.Json.GetProperty("files")[0].GetString()!;
        Path.GetFileName(file).Should().Be($"{Task}_demo.hdf5");
        var written = File.GetLastWriteTimeUtc(file);

        var again = Cli.Run("demos", "--suite", "object", "--task", Task, "--episodes-per-task", "3", "--image-size", "32", "--out", data, "--json");
        again.ExitCode.Should().Be(0, again.Error);
        File.GetLastWriteTimeUtc(file).Should().Be(written, "the same request reuses the file");

        var recipe = Path.Combine(root, "tiny.json");
        File.WriteAllText(recipe, TinyRecipe().ToJson());
        var run = Path.Combine(root, "run");
        var train = Cli.Run("train", "--recipe", recipe, "--data", data, "--steps", "4", "--out", run, "--json");
        train.ExitCode.Should().Be(0, train.Error);

        var export = Cli.Run("export", "--run", run, "--samples", "4", "--json");
        export.ExitCode.Should().Be(0, export.Error);
        export.Json.GetProperty("max_abs_diff").GetDouble().Should().BeLessThan(1e-4, "ONNX Runtime must match TorchSharp on frames of the data");
        File.Exists(export.Json.GetProperty("onnx").GetString()).Should().BeTrue();
        File.Exists(export.Json.GetProperty("mlnet").GetString()).Should().BeTrue("the ML.NET model .zip is written beside policy.onnx");

        var eval = Cli.Run("eval", "--run", run, "--suite", "object", "--task", Task, "--trials-per-task", "2",
            "--workers", "1", "--gifs-per-task", "1", "--engine", "ort", "--json");   // renders at the demos' 32 px
        eval.ExitCode.Should().Be(0, eval.Error);
        var json = eval.Json;
        json.GetProperty("episodes").GetArrayLength().Should().Be(2);
        json.GetProperty("per_task").GetProperty($"object/{Task}").GetDouble().Should().BeInRange(0, 1);
        json.GetProperty("success_rate").GetDouble().Should().BeInRange(0, 1);
        var outcomes = json.GetProperty("episodes").EnumerateArray().Select(e => e.GetProperty("outcome").GetString()).ToList();
        outcomes.Should().OnlyContain(o => new[] { "success", "wrong_object", "missed_grasp", "closed_in_air", "wrong_place", "not_placed", "no_grasp", "stopped" }.Contains(o));
        json.GetProperty("episodes").EnumerateArray().Should().OnlyContain(e => e.GetProperty("tipped").ValueKind == System.Text.Json.JsonValueKind.Array,
            "each episode lists the cylinders it tipped over (none: an empty list)");
        json.GetProperty("episodes").EnumerateArray().Should().OnlyContain(e =>
            e.GetProperty("first_tip_goal").ValueKind == (e.GetProperty("tipped").GetArrayLength() == 0 ? System.Text.Json.JsonValueKind.Null : System.Text.Json.JsonValueKind.Number));
        var failures = json.GetProperty("failures").GetProperty("object");
        failures.EnumerateObject().Sum(p => p.Value.GetInt32()).Should().Be(outcomes.Count(o => o != "success"), "every failed episode is counted once");
        var gif = Directory.GetFiles(Path.Combine(run, "eval", "object"), "*.gif").Should().ContainSingle().Which;
        SixLabors.ImageSharp.Image.Identify(gif).Width.Should().Be(2 * 32, "evaluation renders at the size the demos were recorded at");
        File.Exists(Path.Combine(run, "eval", "object", "success_object.md")).Should().BeTrue();

        // --out keeps the run's own evaluation: a second evaluation writes elsewhere.
        var before = File.ReadAllText(Path.Combine(run, "eval", "object", "success_object.md"));
        var elsewhere = Path.Combine(Path.GetDirectoryName(run)!, "eval-replan");
        var replan = Cli.Run("eval", "--run", run, "--suite", "object", "--task", Task, "--trials-per-task", "1", "--workers", "1",
            "--gifs-per-task", "0", "--open-loop-steps", "1", "--out", elsewhere, "--json");
        replan.ExitCode.Should().Be(0, replan.Error);
        File.Exists(Path.Combine(elsewhere, "object", "success_object.md")).Should().BeTrue();
        File.ReadAllText(Path.Combine(run, "eval", "object", "success_object.md")).Should().Be(before);
    }

    [Fact]
    public void Eval_of_a_missing_run_is_a_clear_error()
    {
        var r = Cli.Run("eval", "--run", "/nonexistent/run", "--suite", "goal");
        r.ExitCode.Should().Be(2);
        r.Error.Should().StartWith("error:").And.NotContain("   at ");
    }

    private static Recipe TinyRecipe()
    {
        var tiny = TinyCliRecipes.Load();
        return tiny with { MaxInstructionTokens = 12, Training = tiny.Training with { Steps = 4 } };
    }
}
