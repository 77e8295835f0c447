using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Inference;
using Vla.Core.Training;

namespace Vla.Cli.Commands;

/// <summary>
/// `vla run`, the main job. Until the MuJoCo benchmark lands it runs on the built-in synthetic task (and says so):
/// generate demonstrations, train the OFT recipe, evaluate it in closed loop, write a report.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "a smaller, faster run (fewer episodes and steps)" };
        var recipe = new Option<string>("--recipe") { Description = "recipe to train", DefaultValueFactory = _ => "oft" };
        var steps = new Option<int?>("--steps") { Description = "training steps (default: 1500, --quick 300; ~1.3 s each for the default OFT size on 2 cores)" };
        var episodes = new Option<int?>("--episodes") { Description = "demonstrations to generate (default: 600, --quick 200)" };
        var trials = new Option<int>("--trials") { Description = "closed-loop evaluation trials", DefaultValueFactory = _ => 100 };
        var output = new Option<string>("--out") { Description = "run folder", DefaultValueFactory = _ => "runs/main" };
        var resume = new Option<bool>("--resume") { Description = "continue an interrupted run in --out" };
        var json = CommonOptions.Json();
        var plugins = CommonOptions.Plugins();
        var command = new Command("run", """
            the main job: demonstrations -> train the OFT recipe -> closed-loop evaluation -> report.
            (Runs on the built-in synthetic reach-and-grasp task until the MuJoCo benchmark lands.)
            """) { quick, recipe, steps, episodes, trials, output, resume, json, plugins };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            var clock = Stopwatch.StartNew();
            var isQuick = parse.GetValue(quick);
            var quiet = parse.GetValue(json);
            var r = RecipeFiles.Load(parse.GetValue(recipe)!);
            var total = parse.GetValue(steps) ?? (isQuick ? 300 : 1500);
            var count = parse.GetValue(episodes) ?? (isQuick ? 200 : 600);
            var runDir = Path.GetFullPath(parse.GetValue(output)!);
            Console.Error.WriteLine("note: evaluating on the built-in synthetic task (the MuJoCo benchmark is not built yet)");
            Console.Error.WriteLine($"[1/4] generating {count} synthetic demonstrations at {r.ImageSize} px");
            var data = SyntheticTask.Generate(count, r.ImageSize, r.Training.Seed);
            using var catalog = CommonOptions.LoadCatalog(parse.GetValue(plugins));
            using var cancel = TrainCommand.CancelOnCtrlC();
            var resumeRun = parse.GetValue(resume) && new RunFolder(runDir).HasCheckpoint;
            var result = ProgressView.Train($"2/4 train {r.Name}", total, quiet, progress =>
                Trainer.Train(r, data, catalog, new TrainOptions(runDir, resumeRun, total, progress, Cancellation: cancel.Token)));
            Console.Error.WriteLine($"[3/4] closed-loop evaluation, {parse.GetValue(trials)} trials");
            using var policy = VlaPolicy.Load(runDir, catalog);
            var evalClock = Stopwatch.StartNew();
            var (success, successes) = SyntheticTask.Evaluate(policy.Predict, parse.GetValue(trials), r.ImageSize, seed: 1000);
            var queriesPerSecond = parse.GetValue(trials) / evalClock.Elapsed.TotalSeconds;
            Console.Error.WriteLine("[4/4] writing the report");
            var report = WriteReport(runDir, r, result, success, successes, parse.GetValue(trials), policy.Parameters);
            if (quiet)
                JsonOutput.Write(new
                {
                    success_rate = success, per_suite = new Dictionary<string, double> { ["synthetic"] = success },
                    wall_s = Math.Round(clock.Elapsed.TotalSeconds, 1), report, train_steps_per_s = result.StepsPerSecond,
                    episodes_per_s_eval = queriesPerSecond,
                });
            else
                Console.WriteLine($"success {success:P1} ({successes}/{parse.GetValue(trials)}) on the synthetic task; report: {report}");
            return 0;
        }));
        return command;
    }

    private static string WriteReport(string runDir, Recipe recipe, TrainResult train, double success, int successes, int trials,
        long parameters)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Vla.NET run: {recipe.Name}");
        md.AppendLine();
        md.AppendLine("Evaluated on the built-in **synthetic** reach-and-grasp task (the MuJoCo benchmark is not built yet).");
        md.AppendLine();
        md.AppendLine("| suite | success | trials |");
        md.AppendLine("|---|---|---|");
        md.AppendLine($"| synthetic | {success:P1} | {successes}/{trials} |");
        md.AppendLine();
        md.AppendLine("## Training");
        md.AppendLine($"- recipe: decoder `{recipe.Decoder}`, head `{recipe.Head}`, conditioning `{recipe.Conditioning}`, K={recipe.Chunk}, cameras {string.Join(", ", recipe.Cameras)}");
        md.AppendLine($"- parameters: {parameters:N0}");
        md.AppendLine($"- steps: {train.Steps} in {train.Seconds:F0} s ({train.StepsPerSecond:F2} steps/s)");
        md.AppendLine($"- final loss {train.FinalLoss:F4}; validation loss {train.FirstValidationLoss:F4} -> {train.FinalValidationLoss:F4}");
        md.AppendLine($"- metrics per step: `metrics.jsonl`; weights: `checkpoints/latest/`");
        var path = Path.Combine(runDir, "report.md");
        AtomicFile.WriteAllText(path, md.ToString());
        return path;
    }
}
