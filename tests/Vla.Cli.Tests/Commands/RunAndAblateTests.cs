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
        // The default data: a quarter of the demonstrations recover from a missed grasp (--retry-fraction 0.25), every one
        // is pushed off the expert's path (--perturbed-fraction 1).
        var goalDemos = Path.Combine(root, "demos", "x1-seed0-retry25-perturbed100", "goal");
        Directory.GetFiles(goalDemos, "*.hdf5").Should().HaveCount(6);
        File.ReadAllText(Path.Combine(run, "data_source.txt")).Trim().Should().Be(goalDemos);
        var markdown = File.ReadAllText(json.GetProperty("report").GetString()!);
        markdown.Should().Contain("goal").And.Contain("Trained from scratch");
        File.ReadAllLines(Path.Combine(run, "success_curve.jsonl")).Should().HaveCount(2, "one point mid-training (step 1 of 3), one at the end");
        markdown.Should().Contain("this run (from scratch): ").And.Contain("(step 3, 6 episodes)");

        // A folder holding one trained policy is not silently turned into per-suite sub-runs on --resume.
        var perSuite = Cli.Run(["run", "--quick", "--out", run, "--resume", "--suite", "goal,object", "--json"]);
        perSuite.ExitCode.Should().Be(2);
        perSuite.Error.Should().Contain("holds one policy for all its suites").And.Contain("--policies shared");

        var compared = Cli.Run(["run", "--quick", "--out", Path.Combine(root, "other"), "--compare", "/nonexistent/run", "--steps", "3", .. Tiny]);
        compared.ExitCode.Should().Be(2);
        compared.Error.Should().Contain("--compare '/nonexistent/run' has no success_curve.jsonl");
    }

    [Fact]
    public void Several_suites_train_one_policy_each_and_report_them_together()
    {
        var root = Cli.TempFolder("run-per-suite");
        var run = Path.Combine(root, "run");
        string[] args = ["run", "--quick", "--curve-points", "1", "--out", run, "--demos", Path.Combine(root, "demos"), "--steps", "3",
            "--model-size", "tiny", "--suite", "goal,object", "--episodes-per-task", "1", "--trials-per-task", "1", "--from-scratch", "--json"];
        var r = Cli.Run(args);
        r.ExitCode.Should().Be(0, r.Error);
        var json = r.Json;
        json.GetProperty("per_suite").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("goal", "object");
        var policies = json.GetProperty("policies");
        foreach (var suite in new[] { "goal", "object" })
        {
            // Each policy is a whole run of its own: trained on its suite's demonstrations alone, exported, evaluated, reported.
            var folder = Path.Combine(run, suite);
            policies.GetProperty(suite).GetProperty("run").GetString().Should().Be(folder);
            File.ReadAllText(Path.Combine(folder, "data_source.txt")).Trim().Should().Be(Path.Combine(root, "demos", "x1-seed0-retry25-perturbed100", suite));
            foreach (var file in new[] { "report.md", "metrics.jsonl", "export/policy.onnx", $"eval/{suite}/success_{suite}.md" })
                File.Exists(Path.Combine(folder, file)).Should().BeTrue($"{suite}/{file}");
            File.Exists(Path.Combine(run, suite == "goal" ? "object" : "goal", "eval", suite)).Should().BeFalse();
        }
        json.GetProperty("success_rate").GetDouble().Should().BeApproximately(
            (policies.GetProperty("goal").GetProperty("success_rate").GetDouble() + policies.GetProperty("object").GetProperty("success_rate").GetDouble()) / 2, 1e-9);
        var markdown = File.ReadAllText(Path.Combine(run, "report.md"));
        markdown.Should().Contain("one policy per suite").And.Contain("`goal/report.md`").And.Contain("`object/report.md`")
            .And.Contain("this run (2 policies: mean success, minutes summed)");
        File.Exists(Path.Combine(run, "report.html")).Should().BeTrue();
        File.ReadAllLines(Path.Combine(run, "success_curve.jsonl")).Should().HaveCount(2, "each policy's mid-training and final points, combined");

        // `vla eval` on the run folder evaluates each suite with its own policy; a suite without one, or a command that needs
        // one policy, says which folders to name.
        var eval = Cli.Run(["eval", "--run", run, "--suite", "goal,object", "--trials-per-task", "1", "--gifs-per-task", "0", "--json"]);
        eval.ExitCode.Should().Be(0, eval.Error);
        eval.Json.GetProperty("per_suite").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("goal", "object");
        var spatial = Cli.Run(["eval", "--run", run, "--suite", "spatial", "--trials-per-task", "1"]);
        spatial.ExitCode.Should().Be(2);
        spatial.Error.Should().Contain("holds policies for goal, object but none for spatial");
        var export = Cli.Run(["export", "--run", run]);
        export.ExitCode.Should().Be(2);
        export.Error.Should().Contain("holds one policy per suite").And.Contain(Path.Combine(run, "goal"));

        // Resumed after it finished: nothing is trained again, the report is rebuilt from the same checkpoints.
        var before = File.ReadAllLines(Path.Combine(run, "goal", "metrics.jsonl"));
        var again = Cli.Run([.. args, "--resume"]);
        again.ExitCode.Should().Be(0, again.Error);
        File.ReadAllLines(Path.Combine(run, "goal", "metrics.jsonl")).Should().Equal(before);
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

    [Fact]
    public void Ablate_trains_one_policy_per_suite_per_row_and_probes_grounding_with_the_goal_policy()
    {
        var root = Cli.TempFolder("ablate-per-suite");
        var output = Path.Combine(root, "ablate");
        var r = Cli.Run(["ablate", "--variant", "6", "--out", output, "--demos", Path.Combine(root, "demos"), "--steps", "4",
            "--model-size", "tiny", "--suite", "goal,object", "--episodes-per-task", "1", "--trials-per-task", "1", "--from-scratch", "--json"]);
        r.ExitCode.Should().Be(0, r.Error);
        var ablation = r.Json.GetProperty("ablation");
        ablation.GetProperty("policies").GetString().Should().Be("per-suite");
        var row = ablation.GetProperty("rows")[0];
        row.GetProperty("per_suite").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("goal", "object");
        row.GetProperty("train_steps").GetInt32().Should().Be(4, "the row's budget, split over its two policies");
        foreach (var suite in new[] { "goal", "object" })
        {
            var folder = Path.Combine(output, "6-oft-plus", suite);
            File.ReadAllText(Path.Combine(folder, "data_source.txt")).Trim().Should().Be(Path.Combine(root, "demos", "x1-seed0-retry25-perturbed100", suite));
            Directory.Exists(Path.Combine(folder, "eval", suite)).Should().BeTrue(suite);
        }
        Directory.Exists(Path.Combine(output, "6-oft-plus", "goal", "eval-shuffled")).Should().BeTrue("the goal suite's own policy is probed");
        File.ReadAllText(Path.Combine(output, "ablation.md")).Should().Contain("one policy per suite");
    }
}
