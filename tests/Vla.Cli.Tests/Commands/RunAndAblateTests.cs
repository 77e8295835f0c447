namespace Vla.Cli.Tests.Commands;

/// <summary>
/// The main job and the ablation end to end on a tiny budget (32 px tiny models, the goal suite, one demo and one trial
/// per task): every artefact a user opens is written. Success itself is not asserted - a few steps learn nothing.
/// </summary>
public class RunAndAblateTests
{
    private static readonly string[] Tiny =
        ["--model-size", "tiny", "--suite", "goal", "--episodes-per-task", "1", "--trials-per-task", "1", "--from-scratch", "--json"];

    [Fact]
    public void Run_quick_writes_every_report_artefact()
    {
        var root = Cli.TempFolder("run");
        var run = Path.Combine(root, "run");
        var r = Cli.Run(["run", "--quick", "--curve-points", "1", "--out", run, "--demos", Path.Combine(root, "demos"), "--steps", "3", .. Tiny]);
        r.ExitCode.Should().Be(0, r.Error);
        var json = r.Json;
        json.GetProperty("success_rate").GetDouble().Should().BeInRange(0, 1);
        json.GetProperty("per_suite").GetProperty("goal").GetDouble().Should().BeInRange(0, 1);
        json.GetProperty("wall_s").GetDouble().Should().BePositive();
        foreach (var file in new[] { "report.md", "report.html", "plots/loss.png", "plots/task_success.png", "export/policy.onnx",
                     "export/policy.mlnet.zip", "eval/goal/success_goal.md", "metrics.jsonl",
                     "plots/success_curve.png" })
            File.Exists(Path.Combine(run, file)).Should().BeTrue(file);
        Directory.GetFiles(Path.Combine(run, "eval", "goal"), "*.gif").Should().NotBeEmpty();
        // A one-suite run caches its demos in <cache>/<suite>/ too: training reads every file of its folder, so a shared
        // cache root would mix in another one-suite run's demonstrations.
        var goalDemos = Path.Combine(root, "demos", "x1-seed0", "goal");
        Directory.GetFiles(goalDemos, "*.hdf5").Should().HaveCount(6);
        File.ReadAllText(Path.Combine(run, "data_source.txt")).Trim().Should().Be(goalDemos);
        var markdown = File.ReadAllText(json.GetProperty("report").GetString()!);
        markdown.Should().Contain("goal").And.Contain("Trained from scratch");
        File.ReadAllLines(Path.Combine(run, "success_curve.jsonl")).Should().HaveCount(2, "one point mid-training (step 1 of 3), one at the end");
        markdown.Should().Contain("this run (from scratch): ").And.Contain("(step 3, 6 episodes)");

        var compared = Cli.Run(["run", "--quick", "--out", Path.Combine(root, "other"), "--compare", "/nonexistent/run", "--steps", "3", .. Tiny]);
        compared.ExitCode.Should().Be(2);
        compared.Error.Should().Contain("--compare '/nonexistent/run' has no success_curve.jsonl");
    }

    [Fact]
    public void A_run_paused_for_curve_points_ends_with_the_same_weights_and_metrics_as_a_straight_one()
    {
        // Curve points stop training (checkpoint, as if interrupted) and resume it, so this is the interrupted-run check too.
        var root = Cli.TempFolder("run-resume");
        var demos = Path.Combine(root, "demos");
        string Run(string name, int points)
        {
            var run = Path.Combine(root, name);
            var r = Cli.Run(["run", "--quick", "--curve-points", points.ToString(), "--out", run, "--demos", demos, .. Tiny, "--steps", "6"]);
            r.ExitCode.Should().Be(0, r.Error);
            return run;
        }
        var straight = Run("straight", 0);
        var paused = Run("paused", 2);
        File.ReadAllBytes(Path.Combine(paused, "checkpoints", "latest", "model.safetensors"))
            .Should().Equal(File.ReadAllBytes(Path.Combine(straight, "checkpoints", "latest", "model.safetensors")));
        // Training losses step by step, and the final validation loss (a resumed segment also validates at its first step).
        static string[] Losses(string run) => File.ReadAllLines(Path.Combine(run, "metrics.jsonl"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).Select(e => e.GetProperty("loss").ToString()).ToArray();
        static string FinalValidation(string run) => System.Text.Json.JsonDocument.Parse(File.ReadAllLines(Path.Combine(run, "metrics.jsonl"))[^1])
            .RootElement.GetProperty("val_loss").ToString();
        Losses(paused).Should().Equal(Losses(straight));
        FinalValidation(paused).Should().Be(FinalValidation(straight)).And.NotBeEmpty();
        File.ReadAllLines(Path.Combine(paused, "success_curve.jsonl")).Should().HaveCount(3);
    }

    [Fact]
    public void Ablate_runs_the_chosen_rows_and_the_grounding_probe()
    {
        var root = Cli.TempFolder("ablate");
        var output = Path.Combine(root, "ablate");
        string[] args = ["ablate", "--variant", "1", "--variant", "4", "--variant", "6", "--out", output, "--demos", Path.Combine(root, "demos"), "--steps", "3", .. Tiny];
        var r = Cli.Run(args);
        r.ExitCode.Should().Be(0, r.Error);
        var ablation = r.Json.GetProperty("ablation");
        var rows = ablation.GetProperty("rows").EnumerateArray().ToList();
        rows.Select(x => x.GetProperty("id").GetString()).Should().Equal("openvla", "oft-diffusion-single", "oft-plus");
        rows.Should().OnlyContain(x => x.GetProperty("actions_per_s").GetDouble() > 0 && x.GetProperty("train_steps").GetInt32() == 3);
        rows[0].GetProperty("engine").GetString().Should().Be("ort", "the autoregressive row exports (prefill + KV-cached decode step)");
        ablation.GetProperty("language_grounding").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("id").GetString().Should().Be("oft-plus");
        File.ReadAllText(Path.Combine(output, "ablation.md")).Should().Contain("| 6 | 5 + FiLM (OFT+) |");

        var again = Cli.Run([.. args, "--resume"]);
        again.ExitCode.Should().Be(0, again.Error);
        again.Error.Should().Contain("[row 1] autoregressive + discrete tokens, K=1: kept");
        again.Json.GetProperty("ablation").GetProperty("rows")[2].GetProperty("success_rate").GetDouble()
            .Should().Be(rows[2].GetProperty("success_rate").GetDouble());
    }
}
