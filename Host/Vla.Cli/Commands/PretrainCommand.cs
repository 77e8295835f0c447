using System.CommandLine;
using System.Diagnostics;
using Vla.Abstractions;
using Vla.Cli.Pretrain;
using Vla.Cli.Sim;
using Vla.Core.Data;
using Vla.Core.Training;
using Vla.Sim;

namespace Vla.Cli.Commands;

/// <summary>
/// `vla pretrain`: the base every recipe fine-tunes from (as the paper fine-tunes a pretrained VLA). Records expert
/// demonstrations of generated tasks that exclude every evaluation task (cached per task), trains the base recipe on
/// them (resumable), and writes provenance.json so anyone can reproduce the checkpoint.
/// </summary>
internal static class PretrainCommand
{
    /// <summary>The shipped base's number of generated tasks (models/base/README.md).</summary>
    public const int DefaultTasksCount = 240;

    public static Command Create()
    {
        var recipe = new Option<string>("--recipe") { Description = "recipe of the base (name or .json path)", DefaultValueFactory = _ => "base" };
        var tasksCount = new Option<int>("--tasks-count") { Description = "generated pretraining tasks", DefaultValueFactory = _ => DefaultTasksCount };
        var episodes = new Option<int>("--episodes-per-task") { Description = "demonstrations per task", DefaultValueFactory = _ => 6 };
        var steps = new Option<int?>("--steps") { Description = "training steps (default: the recipe's training.steps)" };
        var seed = new Option<int>("--seed") { Description = "seed of the generated tasks and their demonstrations", DefaultValueFactory = _ => 0 };
        var demos = new Option<string?>("--demos") { Description = "demonstration cache folder (default data/pretrain<image size>/x<episodes>-seed<seed>[-t<targets per scene>])" };
        var output = new Option<string>("--out") { Description = "run folder of the base", DefaultValueFactory = _ => "runs/base" };
        var resume = new Option<bool>("--resume") { Description = "continue the run in --out from its last checkpoint (demos are always reused)" };
        var workers = new Option<int>("--workers") { Description = "tasks simulated in parallel", DefaultValueFactory = _ => Environment.ProcessorCount };
        var stopAfter = new Option<int?>("--stop-after") { Description = "stop after this step with a checkpoint (the learning-rate schedule still spans --steps); continue later with --resume" };
        var ship = new Option<string?>("--ship") { Description = $"copy the finished base (weights, recipe, tokenizer, statistics, log, provenance, SHA-256 manifest) into this folder, e.g. {ShippedBase.RelativePath}" };
        var targets = TargetsPerSceneOption.Create();
        var retry = DemoMixOptions.RetryOption();
        var baseRun = new Option<string?>("--base") { Description = "continue pretraining from another base run's weights (a new schedule and optimiser on this data; recorded in provenance.json and base.json), e.g. a longer or broader stage after the shipped one" };
        var stream = new StreamOption();
        var threads = ThreadsOption.Create();
        var json = CommonOptions.Json();
        var plugins = CommonOptions.Plugins();
        var command = new Command("pretrain", """
            pretrain the base policy on demonstrations of generated tasks (held out from every evaluation suite), then
            fine-tune any recipe with the same vision/backbone sizes from it: vla train --recipe oft --base runs/base ...
            writes <out>/provenance.json (command, seeds, data manifest hash, git commit, steps, wall time).
            the defaults (240 tasks, 3 per scene, 6 demonstrations each) are the shipped base's data:
            vla pretrain --steps 4500 --out runs/base [--resume]
            a second stage starts from the first one's weights on other data, e.g. more tasks with recovery demonstrations:
            vla pretrain --base runs/base --tasks-count 480 --retry-fraction 0.25 --steps 7000 --out runs/base2
            more tasks than memory holds: add --stream (frames are read from the cache while training; same weights)
            """) { recipe, tasksCount, targets, episodes, retry, steps, seed, demos, baseRun, output, resume, workers, stopAfter, ship, stream.Stream, stream.CacheMb, threads, json, plugins };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            using var computeThreads = ThreadsOption.Apply(parse.GetValue(threads));
            var clock = Stopwatch.StartNew();
            var started = DateTime.UtcNow;
            var quiet = parse.GetValue(json);
            var r = RecipeFiles.Load(parse.GetValue(recipe)!);
            int tasks = parse.GetValue(tasksCount), perTask = parse.GetValue(episodes), demoSeed = parse.GetValue(seed);
            int targetsPerScene = TargetsPerSceneOption.Value(parse, targets);
            var retryFraction = DemoMixOptions.Value(parse, retry);
            var mix = new DemoMix(retryFraction);
            var fromBase = parse.GetValue(baseRun) is { } b ? Path.GetFullPath(b) : null;
            if (tasks < 1) throw new VlaException("--tasks-count must be at least 1");
            if (perTask < 1) throw new VlaException("--episodes-per-task must be at least 1");
            var streaming = stream.Value(parse);   // checked before the demonstrations, which can take an hour
            var runDir = Path.GetFullPath(parse.GetValue(output)!);
            var demoDir = Path.GetFullPath(parse.GetValue(demos) ?? Path.Combine("data", $"pretrain{r.ImageSize}", SuiteDemos.CacheName(perTask, demoSeed, mix) + TargetsPerSceneOption.CacheSuffix(targetsPerScene)));

            Console.Error.WriteLine($"[1/3] demonstrations: {tasks} generated tasks x {perTask} at {r.ImageSize} px -> {demoDir}");
            var demoResult = SuiteDemos.Generate([SimCatalog.Pretrain], perTask, demoDir, demoSeed, r.ImageSize,
                parse.GetValue(workers), quiet, pretrainTasks: tasks, mix: mix, targetsPerScene: targetsPerScene);
            var manifest = DataManifest.Of(demoResult.Files);
            // Only this request's files: a cache folder recorded for more tasks holds others too.
            var streamed = streaming is not null;
            using var store = streamed ? DataSources.OpenStream(demoResult.Files, r) : null;
            var data = streamed ? new List<Episode>() : demoResult.Files.SelectMany(f => DataSources.Load(f, r, 0, r.Training.Seed)).ToList();
            var episodeCount = store?.Episodes.Count ?? data.Count;

            using var catalog = CommonOptions.LoadCatalog(parse.GetValue(plugins));
            using var cancel = TrainCommand.CancelOnCtrlC();
            var resumeRun = parse.GetValue(resume) && new RunFolder(runDir).HasCheckpoint;
            var total = parse.GetValue(steps) ?? r.Training.Steps;
            var (commit, dirty) = GitCommit.Current();
            var args = parse.Tokens.Select(t => t.Value).ToList();   // as parsed (also when run in-process)
            PretrainProvenance.Session Record(int startStep, int reached, double trainSeconds, double? validation, string status) => new(
                "vla " + string.Join(" ", args.Select(Quote)), args, started, r.Name, demoSeed, r.Training.Seed, tasks, perTask,
                r.ImageSize, demoDir, manifest.Sha256, manifest.Files, commit, dirty, startStep, reached,
                Math.Round(clock.Elapsed.TotalSeconds, 1), Math.Round(trainSeconds, 1), validation, status, targetsPerScene, retryFraction,
                PretrainProvenance.BaseSource.Of(new RunFolder(runDir), fromBase));
            var resumedState = resumeRun ? Checkpoint.ReadState(new RunFolder(runDir)) : null;
            var resumedFrom = resumedState?.Step ?? 0;
            if (resumeRun && fromBase is not null)
                Console.Error.WriteLine("note: --base is not used when resuming: the run continues from its own checkpoint, " +
                                        "which already holds what it took from its base (base.json)");
            PretrainProvenance.Append(new RunFolder(runDir), Record(resumedFrom, resumedFrom, 0, null, PretrainProvenance.Running),
                resumedState?.WallSeconds);
            Console.Error.WriteLine($"[2/3] train {r.Name}: {total} steps on {episodeCount} episodes{(streamed ? ", frames streamed" : "")}" +
                                    $"{(resumeRun ? " (resumed)" : "")} -> {runDir}");
            var train = ProgressView.Train($"pretrain {r.Name}", total, quiet, progress =>
            {
                var options = new TrainOptions(runDir, resumeRun, total, progress, Cancellation: cancel.Token,
                    DataSource: demoDir, StopAfterStep: parse.GetValue(stopAfter), BaseRun: fromBase);
                return store is null ? Trainer.Train(r, data, catalog, options)
                    : Trainer.Train(r, store, catalog, options, streaming!);
            });
            data.Clear();

            var provenance = PretrainProvenance.Append(new RunFolder(runDir),
                Record(train.StartStep, train.Steps, train.Seconds, train.FinalValidationLoss, PretrainProvenance.Completed));
            Console.Error.WriteLine($"[3/3] provenance -> {Path.Combine(runDir, PretrainProvenance.FileName)}");
            var shipped = parse.GetValue(ship) is { } shipTo ? BaseShipping.Ship(runDir, shipTo) : null;
            if (shipped is not null) Console.Error.WriteLine($"shipped step {shipped.Step} ({shipped.ModelBytes / 1e6:F1} MB of weights) -> {parse.GetValue(ship)}");
            if (quiet)
                JsonOutput.Write(new
                {
                    run = runDir, steps = train.Steps, start_step = train.StartStep, final_loss = double.IsNaN(train.FinalLoss) ? (double?)null : train.FinalLoss, // NaN: nothing left to train
                    final_val_loss = train.FinalValidationLoss, train_steps_per_s = train.StepsPerSecond, parameters = train.Parameters,
                    tasks, episodes = demoResult.Episodes, frames = demoResult.Frames, expert_success_rate = demoResult.ExpertSuccessRate,
                    demos = demoDir, data_manifest_sha256 = manifest.Sha256, git_commit = commit,
                    wall_s = Math.Round(clock.Elapsed.TotalSeconds, 1), total_wall_s = provenance.TotalWallSeconds,
                    provenance = Path.Combine(runDir, PretrainProvenance.FileName),
                    shipped = parse.GetValue(ship) is { } s ? Path.GetFullPath(s) : null,
                });
            else
                Console.WriteLine($"base: {train.Steps} steps ({train.StartStep} resumed), val loss {train.FinalValidationLoss:F4}, " +
                                  $"{demoResult.Episodes} episodes of {tasks} tasks (expert success {demoResult.ExpertSuccessRate:P1}), " +
                                  $"{clock.Elapsed.TotalMinutes:F1} min -> {runDir}; fine-tune with --base {runDir}");
            return 0;
        }));
        return command;
    }

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./=:,@+".Contains(c)) ? arg : $"'{arg.Replace("'", "'\\''")}'";
}
