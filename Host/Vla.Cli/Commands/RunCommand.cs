using System.CommandLine;
using System.Diagnostics;
using Vla.Abstractions;
using Vla.Cli.Report;
using Vla.Cli.Sim;
using Vla.Core.Data;
using Vla.Core.Inference;
using Vla.Core.Plugins;
using Vla.Onnx;
using Vla.Core.Training;
using Vla.Sim;

namespace Vla.Cli.Commands;

/// <summary>
/// `vla run`, the main job on the built-in MuJoCo benchmark: scripted demonstrations (cached) -> train the OFT recipe
/// -> closed-loop evaluation on every suite -> report. Every phase resumes: demos per task, training from its
/// checkpoint.
/// </summary>
internal static class RunCommand
{
    private sealed record Budget(int Steps, int EpisodesPerTask, int TrialsPerTask, int CurvePoints);

    // Sized to measured speeds on 2 cores: demos ~2 min, fine-tuning 1.41-1.47 steps/s at the default size (2 threads,
    // idle, jemalloc, denormals flushed), 50 trials/task (the issue's measure) 278 s on ONNX Runtime, so the default run
    // takes ~33 min on an idle machine (docs/results/2026-11-26-oft-plus-s6-main).
    private static readonly Budget Full = new(2000, 50, 50, 3), Quick = new(300, 10, 2, 0);
    private const int CurveTrialsPerTask = 2;

    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = $"a small run: {Quick.EpisodesPerTask} demos/task, {Quick.Steps} steps, {Quick.TrialsPerTask} trials/task" };
        var recipe = new Option<string>("--recipe") { Description = "recipe to train (name or .json path); the default OFT+ adds FiLM, which language grounding needs at this scale", DefaultValueFactory = _ => "oft-plus" };
        var suite = new Option<string>("--suite") { Description = "spatial, object, goal, long, a comma list, or all", DefaultValueFactory = _ => "all" };
        var steps = new Option<int?>("--steps") { Description = $"training steps (default {Full.Steps}, --quick {Quick.Steps})" };
        var episodes = new Option<int?>("--episodes-per-task") { Description = $"demonstrations per task (default {Full.EpisodesPerTask}, --quick {Quick.EpisodesPerTask})" };
        var trials = new Option<int?>("--trials-per-task") { Description = $"closed-loop trials per task (default {Full.TrialsPerTask}, --quick {Quick.TrialsPerTask})" };
        var seed = new Option<int>("--seed") { Description = "seed of demonstrations and evaluation trials", DefaultValueFactory = _ => 0 };
        var demos = new Option<string?>("--demos") { Description = "demonstration cache folder (default data/demos<image size>)" };
        var output = new Option<string>("--out") { Description = "run folder", DefaultValueFactory = _ => "runs/main" };
        var resume = new Option<bool>("--resume") { Description = "continue an interrupted run in --out (demos are always reused)" };
        var baseRun = new Option<string?>("--base") { Description = $"pretrained base run to fine-tune from (default: {ShippedBase.RelativePath} when it exists; see `vla pretrain`)" };
        var fromScratch = new Option<bool>("--from-scratch") { Description = "ignore any base and train from random initialisation" };
        var curvePoints = new Option<int?>("--curve-points") { Description = $"evaluations during training for the success-vs-minutes curve ({CurveTrialsPerTask} trials/task each, TorchSharp; default {Full.CurvePoints}, --quick {Quick.CurvePoints})" };
        var compare = new Option<string[]>("--compare") { Description = "other run folders whose success curves the report draws beside this one (e.g. a --from-scratch run)", AllowMultipleArgumentsPerToken = true };
        var size = ModelSizeOption.Create();
        var gripper = GripperOption.Create();
        var retry = RetryOption.Create();
        var engine = EngineOption.Create();
        engine.DefaultValueFactory = _ => PolicyEngine.Ort;
        var threads = ThreadsOption.Create();
        var json = CommonOptions.Json();
        var plugins = CommonOptions.Plugins();
        var command = new Command("run", """
            the main job: scripted demonstrations on the MuJoCo suites -> train the OFT recipe (parallel decoding, K=8,
            L1 head, both cameras, proprio) -> closed-loop evaluation on every suite -> report.md / report.html.
            examples: vla run --quick | vla run --suite spatial,object --steps 2000 --out runs/so | vla run --resume
            """) { quick, recipe, suite, steps, episodes, trials, seed, demos, output, resume, baseRun, fromScratch, curvePoints, compare, size, gripper, retry, engine, threads, json, plugins };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            using var computeThreads = ThreadsOption.Apply(parse.GetValue(threads));
            var clock = Stopwatch.StartNew();
            var budget = parse.GetValue(quick) ? Quick : Full;
            var quiet = parse.GetValue(json);
            var r = ModelSizeOption.Apply(RecipeFiles.Load(parse.GetValue(recipe)!), parse.GetValue(size));
            foreach (var other in parse.GetValue(compare) ?? [])
                if (!File.Exists(Path.Combine(other, SuccessCurve.FileName)))
                    throw new VlaException($"--compare '{other}' has no {SuccessCurve.FileName}", "pass a run folder written by `vla run`");
            var suites = SimSuites.Parse(parse.GetValue(suite));
            var total = parse.GetValue(steps) ?? budget.Steps;
            var perTask = parse.GetValue(episodes) ?? budget.EpisodesPerTask;
            var trialCount = parse.GetValue(trials) ?? budget.TrialsPerTask;
            var runDir = Path.GetFullPath(parse.GetValue(output)!);
            var demoDir = Path.GetFullPath(parse.GetValue(demos) ?? Path.Combine("data", $"demos{r.ImageSize}"));

            Console.Error.WriteLine($"[1/5] demonstrations: {perTask} per task, {string.Join(", ", suites)} at {r.ImageSize} px -> {demoDir}");
            var retryFraction = RetryOption.Value(parse, retry);
            var demoResult = SuiteDemos.Generate(suites, perTask, Path.Combine(demoDir, SuiteDemos.CacheName(perTask, parse.GetValue(seed), retryFraction)),
                parse.GetValue(seed), r.ImageSize, Environment.ProcessorCount, quiet, retryFraction: retryFraction, suiteFolders: true);
            using var catalog = CommonOptions.LoadCatalog(parse.GetValue(plugins));
            using var cancel = TrainCommand.CancelOnCtrlC();
            var baseDir = parse.GetValue(fromScratch) ? null : ShippedBase.Resolve(parse.GetValue(baseRun), parse.GetValue(size) == ModelSizeOption.Default);
            Console.Error.WriteLine(baseDir is null ? "[2/5] training from scratch (no base checkpoint)" : $"[2/5] fine-tuning from the base {baseDir}");
            var binaryGripper = GripperOption.Binary(parse.GetValue(gripper));
            if (!parse.GetValue(resume)) SuccessCurve.Reset(runDir);
            var points = parse.GetValue(curvePoints) ?? budget.CurvePoints;
            var pauses = Enumerable.Range(1, Math.Max(0, points)).Select(i => (int)((long)total * i / (points + 1))).ToList();
            var train = RecipeOnSuites.Train($"2/5 train {r.Name}", r, demoResult, catalog, runDir, total, baseDir,
                parse.GetValue(resume), quiet, cancel.Token, pauses, (t, seconds) =>
                {
                    var e = RecipeOnSuites.Evaluate(PolicyEngine.Torch, runDir, catalog, suites, CurveTrialsPerTask, parse.GetValue(seed),
                        r.ImageSize, quiet, binaryGripper, evalDir: Path.Combine(runDir, "eval-curve", $"step{t.Steps}"), gifsPerTask: 0);
                    SuccessCurve.Append(runDir, new SuccessPoint(t.Steps, seconds / 60, e.SuccessRate, e.Episodes.Count()));
                    Console.Error.WriteLine($"[curve] step {t.Steps}: success {e.SuccessRate:P1} after {seconds / 60:F1} training minutes");
                });

            Console.Error.WriteLine("[3/5] export: ONNX, checked against TorchSharp");
            var export = RecipeOnSuites.Export(runDir, catalog);
            var engineName = export is null ? PolicyEngine.Torch : parse.GetValue(engine)!;
            Console.Error.WriteLine($"[4/5] closed-loop evaluation: {trialCount} trials per task ({engineName})");
            var eval = RecipeOnSuites.Evaluate(engineName, runDir, catalog, suites, trialCount, parse.GetValue(seed), r.ImageSize, quiet,
                binaryGripper);
            var trainedMinutes = Checkpoint.ReadState(new RunFolder(runDir)).WallSeconds / 60;   // over every session of a resumed run
            SuccessCurve.Append(runDir, new SuccessPoint(train.Steps, trainedMinutes, eval.SuccessRate, eval.Episodes.Count()));

            Console.Error.WriteLine("[5/5] writing the report");
            var curves = new[] { SuccessCurve.Read(runDir, $"this run ({SuccessCurve.LabelOf(runDir)})") }
                .Concat((parse.GetValue(compare) ?? []).Select(c => SuccessCurve.Read(c, $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(c))} ({SuccessCurve.LabelOf(c)})")))
                .ToList();
            var report = RunReport.Write(ReportInput(runDir, r, train, demoResult, eval, export, engineName, Environment.CommandLine) with { Curves = curves });
            if (quiet)
                JsonOutput.Write(new
                {
                    success_rate = eval.SuccessRate, per_suite = eval.PerSuite, wall_s = Math.Round(clock.Elapsed.TotalSeconds, 1),
                    report = report.Markdown, html = report.Html, train_steps_per_s = train.StepsPerSecond,
                    final_val_loss = train.FinalValidationLoss, final_val_decision_loss = train.FinalDecisionLoss, failures = eval.Suites.ToDictionary(s => s.Suite, s => EpisodeOutcomes.CountsByKey(s.Episodes)), onnx = export?.Onnx.Policy, mlnet = export?.MlNet, max_abs_diff = export?.MaxAbsDiff, engine = engineName,
                });
            else
            {
                foreach (var (name, rate) in eval.PerSuite) Console.WriteLine($"{name,-10} {rate:P1}");
                Console.WriteLine($"average success {eval.SuccessRate:P1} in {clock.Elapsed.TotalMinutes:F0} min; report: {report.Html}");
            }
            return 0;
        }));
        return command;
    }

    private static RunReportInput ReportInput(string runDir, Recipe recipe, TrainResult train, SuiteDemos.Result demos,
        SuiteEvaluation.Result eval, RunExport.Result? export, string engine, string commandLine)
    {
        var suites = eval.Suites.Select(s => new SuiteScore(s.Suite, s.SuccessRate, s.Episodes.Count(e => e.Success), s.Episodes.Count)).ToList();
        var tasks = eval.Suites.SelectMany(s => s.PerTask.Select(kv => new TaskScore(s.Suite, kv.Key, SimCatalog.Task(s.Suite, kv.Key).Instruction,
            kv.Value, s.Episodes.Count(e => e.Task == kv.Key)) { Failures = EpisodeOutcomes.Summary(s.Episodes.Where(e => e.Task == kv.Key)) })).ToList();
        var episodes = eval.Episodes.ToList();
        var facts = new List<(string, string)>
        {
            ("recipe", $"{recipe.Name}: decoder `{recipe.Decoder}`, head `{recipe.Head}`, conditioning `{recipe.Conditioning}`, K={recipe.Chunk}, cameras {string.Join(", ", recipe.Cameras)}, proprio {recipe.ProprioDim}-D, {recipe.ImageSize} px"),
            ("parameters", $"{train.Parameters:N0}"),
            ("demonstrations", $"{demos.Episodes} episodes, {demos.Frames:N0} frames, expert success {demos.ExpertSuccessRate:P1}"),
            ("training", $"{train.Steps} steps ({train.StartStep} resumed) in {train.Seconds:F0} s = {train.StepsPerSecond:F2} steps/s, batch {recipe.Training.BatchSize}"),
            ("loss", $"final train {train.FinalLoss:F4}; validation {train.FirstValidationLoss:F4} -> {train.FinalValidationLoss:F4}"),
            ("evaluation", $"{episodes.Count} episodes in {eval.Seconds:F0} s with the {engine} engine; failures: {EpisodeOutcomes.Summary(episodes)}"),
            ("export", export is null ? "not exported" : $"`{Path.GetRelativePath(runDir, export.Onnx.Policy)}` ({export.Onnx.Loop})" +
                $", ML.NET `{Path.GetRelativePath(runDir, export.MlNet)}`" +
                $"; max |ONNX Runtime - TorchSharp| on 16 samples of the data: {export.MaxAbsDiff:E1}"),
        };
        var baseInit = BaseInitialisation.Read(new RunFolder(runDir));
        var notes = new List<string>
        {
            baseInit is null
                ? "Trained from scratch on the simulator's scripted demonstrations (no pretrained base: see `vla pretrain`)."
                : $"Fine-tuned from the base `{baseInit.BaseRun}` (step {baseInit.BaseStep}, weights SHA-256 {baseInit.BaseModelSha256[..12]}…): " +
                  $"{baseInit.LoadedCount} tensors loaded, {baseInit.PartiallyLoadedCount} row-mapped, {baseInit.SkippedCount} freshly initialised.",
            "Each trial resets with its own seed; the policy's whole chunk runs open-loop before the next query, as in the paper.",
        };
        return new RunReportInput(runDir, $"Vla.NET run: {recipe.Name}", commandLine, suites, tasks, facts,
            eval.Files.Where(f => f.EndsWith(".gif")).ToList(), notes);
    }
}
