using System.CommandLine;
using Vla.Cli.Sim;
using Vla.Onnx;
using Vla.Sim;

namespace Vla.Cli.Commands;

/// <summary>`vla eval`: closed-loop success of a trained run on the built-in MuJoCo suites.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "trained run folder", Required = true };
        var suite = new Option<string>("--suite") { Description = $"spatial, object, goal, long, a comma list, or all; or {SimCatalog.Pretrain} (a base on its own generated family)", DefaultValueFactory = _ => "all" };
        var trials = new Option<int>("--trials-per-task") { Description = "episodes per task, each reset with its own seed", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "base seed of the trials (differs from demonstration seeds)", DefaultValueFactory = _ => 0 };
        var size = new Option<int?>("--image-size") { Description = "rendered pixels per camera, resized to the recipe's size (default: the size the run's demonstrations were recorded at, else the recipe's)" };
        var workers = new Option<int>("--workers") { Description = "simulations in parallel", DefaultValueFactory = _ => Environment.ProcessorCount };
        var gifs = new Option<int>("--gifs-per-task") { Description = "rollouts saved as GIFs per task", DefaultValueFactory = _ => 1 };
        var tasks = new Option<string[]>("--task") { Description = "only these tasks (repeatable)", AllowMultipleArgumentsPerToken = true };
        var shuffle = new Option<bool>("--shuffle-instructions") { Description = "language-grounding probe: run each task with the next task's instruction of its suite" };
        var ensemble = new Option<double?>("--temporal-ensemble") { Description = "ACT's temporal ensemble with decay m (e.g. 0.01): query every --open-loop-steps (default 1) steps and execute each step's weighted average over every chunk that predicted it, weights exp(-m i) oldest first" };
        var openLoop = new Option<int?>("--open-loop-steps") { Description = "actions of each predicted chunk executed before the next query (default: the recipe's open_loop_steps, else the whole chunk K as the paper does; fewer re-plans more often)" };
        var output = new Option<string?>("--out") { Description = "folder for the success tables and GIFs, one subfolder per suite (default: <run>/eval, or <run>/eval-shuffled with --shuffle-instructions, replacing the last evaluation's)" };
        var family = PretrainEvalTasks.CreateOptions();
        var gripper = GripperOption.Create();
        var engine = EngineOption.Create();
        var json = CommonOptions.Json();
        var plugins = CommonOptions.Plugins();
        var command = new Command("eval", """
            closed-loop evaluation: each trial resets with its own seed, the policy's whole chunk (or the recipe's
            open_loop_steps of it) runs open-loop before the next query - with the recipe's temporal_ensemble, each step
            averages every chunk that predicted it (OFT+: every 4 steps) - and an episode ends at success or the task's step limit. Writes <run>/eval/<suite>/ (success table, GIFs),
            or <out>/<suite>/ with --out (keeps the run's own evaluation when you try other settings).
            example: vla eval --run runs/main --suite spatial --trials-per-task 20 --seed 7 --json
            example: vla eval --run runs/main --suite long --open-loop-steps 4 --out runs/main-long-replan4
            example: vla eval --run runs/main --suite long --temporal-ensemble 0.01 --out runs/main-long-ensemble
            a base on the tasks it was pretrained on, then on 60 it never saw:
              vla eval --run models/base --suite pretrain --first-task 200 --trials-per-task 5
              vla eval --run models/base --suite pretrain --first-task 240 --tasks-count 300 --trials-per-task 5
            """) { run, suite, trials, seed, size, workers, gifs, tasks, shuffle, openLoop, ensemble, output, family.TasksCount, family.FirstTask,
                  family.TargetsPerScene, gripper, engine, json, plugins };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            if (parse.GetValue(trials) < 1) throw new Abstractions.VlaException("--trials-per-task must be at least 1");
            using var catalog = CommonOptions.LoadCatalog(parse.GetValue(plugins));
            IReadOnlyList<string>? selected = parse.GetValue(tasks) is { Length: > 0 } t ? t : null;
            var suites = SimSuites.Parse(parse.GetValue(suite), allowPretrain: true);
            PretrainEvalTasks? pretrain = null;
            if (suites.Contains(SimCatalog.Pretrain))
            {
                if (suites.Count > 1) throw new Abstractions.VlaException($"--suite {SimCatalog.Pretrain} cannot be combined with other suites", $"evaluate {SimCatalog.Pretrain} in a call of its own");
                if (parse.GetValue(shuffle)) throw new Abstractions.VlaException($"--shuffle-instructions works on the four suites, not on {SimCatalog.Pretrain}", "drop --shuffle-instructions");
                pretrain = PretrainEvalTasks.Resolve(parse, family, parse.GetValue(run)!);
                selected ??= pretrain.Names();
            }
            // A `vla run` folder with one policy per suite evaluates each suite with its own policy.
            var parts = PerSuitePolicies.Resolve(parse.GetValue(run)!, suites).Select(p =>
            {
                using var policy = PolicyEngine.Load(parse.GetValue(engine)!, p.Folder, catalog);
                var told = parse.GetValue(shuffle) ? InstructionShuffle.For(p.Suites) : null;
                return SuiteEvaluation.Run(SimChunkPolicy.For(policy, GripperOption.Binary(parse.GetValue(gripper)), told, parse.GetValue(openLoop),
                        parse.GetValue(ensemble)),
                    p.Suites, parse.GetValue(trials), parse.GetValue(seed),
                    parse.GetValue(size) ?? RunSamples.DemoImageSize(p.Folder) ?? policy.Recipe.ImageSize,
                    parse.GetValue(workers), parse.GetValue(output) ?? Path.Combine(p.Folder, told is null ? "eval" : "eval-shuffled"),
                    parse.GetValue(gifs), parse.GetValue(json), selected, pretrain);
            }).ToList();
            Write(SuiteEvaluation.Combine(parts), parse.GetValue(json));
            return 0;
        }));
        return command;
    }

    public static void Write(SuiteEvaluation.Result r, bool json)
    {
        if (json)
        {
            JsonOutput.Write(new
            {
                success_rate = r.SuccessRate, per_suite = r.PerSuite, per_task = r.PerTask,
                failures = r.Suites.ToDictionary(s => s.Suite, s => EpisodeOutcomes.CountsByKey(s.Episodes)),
                episodes = r.Episodes.Select(e => new
                {
                    task = e.Task, seed = e.Seed, success = e.Success, steps = e.Steps, outcome = e.Outcome.Key(),
                    goals_done = e.GoalsDone, stop_reason = e.StopReason, tipped = e.Tipped, first_tip_goal = e.FirstTipGoal,
                    followed_task = e.FollowedTask,
                    grasp = e.Grasp is { } g ? new { horizontal_mm = Math.Round(g.HorizontalMm, 1), across_mm = Math.Round(g.AcrossMm, 1), height_mm = Math.Round(g.HeightMm, 1), steps_before_lift = g.StepsBeforeLift } : null,
                }),
                files = r.Files, seconds = Math.Round(r.Seconds, 1),
            });
            return;
        }
        foreach (var (task, rate) in r.PerTask) Console.WriteLine($"  {task,-60} {rate,7:P0}");
        foreach (var s in r.Suites) Console.WriteLine($"{s.Suite,-10} {s.SuccessRate:P1}   failures: {EpisodeOutcomes.Summary(s.Episodes)}{EpisodeOutcomes.TippedNote(s.Episodes)}");
        Console.WriteLine($"average success {r.SuccessRate:P1} ({r.Episodes.Count()} episodes, {r.Seconds:F0} s); tables and GIFs: {string.Join(", ", r.Files.Where(f => f.EndsWith(".md")))}");
    }
}
