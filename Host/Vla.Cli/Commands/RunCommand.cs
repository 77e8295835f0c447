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
    private sealed record Budget(int Steps, int EpisodesPerTask, int TrialsPerTask, int CurvePoints, string Suite);

    // Sized to measured speeds on 2 cores: demos ~2 min, fine-tuning 1.3-1.8 steps/s at the default size (2 threads,
    // jemalloc, denormals flushed; the slower on session 20's machine, matmul peak 178 GFLOP/s), 50 trials/task (the
    // issue's measure) ~250 s on ONNX Runtime. 2,400 steps in all, split by episode horizon (spatial 600, object and
    // goal 450, long 900): 35.3 min with cached demonstrations, 91.5 % (docs/results/2026-11-28-s20-split); 33.9 min
    // recording 20 of the 26 tasks' demonstrations (half of them perturbed), 92.8 % (docs/results/2026-11-28-s21-dart);
    // 37.8 min from a clean clone (restore, Release build, all 26 tasks' demonstrations, every one perturbed: 2.6 min),
    // 94.5 % (docs/results/2026-11-28-s22-pert100). The target is 45 min.
    // --quick: one policy on the goal suite (the one that needs the instruction most), the default run's demonstrations
    // (cached, so a quick run after a full one generates none), 554 steps, 10 trials per task.
    private static readonly Budget Full = new(2400, 50, 50, 3, "all"), Quick = new(554, 50, 10, 0, "goal");
    private const int CurveTrialsPerTask = 2;

    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = $"a small run: the {Quick.Suite} suite, {Quick.Steps} steps, {Quick.TrialsPerTask} trials/task (under 10 minutes)" };
        var recipe = new Option<string>("--recipe") { Description = "recipe to train (name or .json path); the default OFT+ adds FiLM, which language grounding needs at this scale", DefaultValueFactory = _ => "oft-plus" };
        var suite = new Option<string?>("--suite") { Description = $"spatial, object, goal, long, a comma list, or all (default {Full.Suite}, --quick {Quick.Suite})" };
        var steps = new Option<int?>("--steps") { Description = $"training steps of the whole run (default {Full.Steps}, --quick {Quick.Steps}); with one policy per suite they are split in proportion to the suites' episode horizons (tasks x step limit: long gets twice the steps per task)" };
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
        var mixOptions = DemoMixOptions.FineTune();
        var policies = PoliciesOption.Create();
        var engine = EngineOption.Create();
        engine.DefaultValueFactory = _ => PolicyEngine.Ort;
        var threads = ThreadsOption.Create();
        var json = CommonOptions.Json();
        var plugins = CommonOptions.Plugins();
        var command = new Command("run", """
            the main job: scripted demonstrations on the MuJoCo suites -> train the OFT recipe (parallel decoding, K=8,
            L1 head, both cameras, proprio), one policy per suite as the paper does for LIBERO -> closed-loop evaluation on
            every suite -> report.md / report.html.
            examples: vla run --quick | vla run --suite spatial,object --steps 1300 --out runs/so | vla run --resume
            """) { quick, recipe, suite, policies, steps, episodes, trials, seed, demos, output, resume, baseRun, fromScratch, curvePoints, compare, size, gripper, mixOptions.Retry, mixOptions.Tipped, mixOptions.Perturbed, engine, threads, json, plugins };
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
            var suites = SimSuites.Parse(parse.GetValue(suite) ?? budget.Suite);
            var groups = PoliciesOption.Groups(parse.GetValue(policies), suites);
            var perTask = parse.GetValue(episodes) ?? budget.EpisodesPerTask;
            var runDir = Path.GetFullPath(parse.GetValue(output)!);
            var demoDir = Path.GetFullPath(parse.GetValue(demos) ?? Path.Combine("data", $"demos{r.ImageSize}"));
            var mix = mixOptions.Mix(parse);
            var cacheDir = Path.Combine(demoDir, SuiteDemos.CacheName(perTask, parse.GetValue(seed), mix));
            if (parse.GetValue(resume) && groups.Count > 1 && new RunFolder(runDir).HasCheckpoint)
                throw new VlaException($"'{runDir}' holds one policy for all its suites, but this run would train one per suite",
                    "resume it with --policies shared (how it was trained), or start the per-suite run in another --out folder");

            Console.Error.WriteLine($"[1/5] demonstrations: {perTask} per task, {string.Join(", ", suites)} at {r.ImageSize} px -> {demoDir}");
            var demoResult = SuiteDemos.Generate(suites, perTask, cacheDir, parse.GetValue(seed), r.ImageSize, Environment.ProcessorCount,
                quiet, mix: mix, suiteFolders: true);
            using var catalog = CommonOptions.LoadCatalog(parse.GetValue(plugins));
            using var cancel = TrainCommand.CancelOnCtrlC();
            var baseDir = parse.GetValue(fromScratch) ? null : ShippedBase.Resolve(parse.GetValue(baseRun), parse.GetValue(size) == ModelSizeOption.Default);
            var plan = new PolicyPlan(r, parse.GetValue(steps) ?? budget.Steps, parse.GetValue(trials) ?? budget.TrialsPerTask,
                parse.GetValue(seed), parse.GetValue(curvePoints) ?? budget.CurvePoints, baseDir, parse.GetValue(resume), quiet,
                GripperOption.Binary(parse.GetValue(gripper)), parse.GetValue(engine)!, catalog, cancel.Token);
            var compared = (parse.GetValue(compare) ?? []).Select(c =>
                SuccessCurve.Read(c, $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(c))} ({SuccessCurve.LabelOf(c)})")).ToList();

            // One policy per suite trains on that suite's cached demonstrations alone, in <out>/<suite>/.
            var runs = PoliciesOption.Plan(groups, runDir, plan.Steps).Select(p => RunPolicy(plan with { Steps = p.Steps }, p.Suites, p.Folder,
                SuiteDemos.ForPolicy(p.Suites, demoResult, perTask, cacheDir, plan.Seed, r.ImageSize, mix),
                groups.Count == 1 ? compared : [])).ToList();
            var eval = SuiteEvaluation.Combine(runs.Select(p => p.Eval).ToList());
            var report = runs.Count == 1 ? runs[0].Report : PerSuitePolicies.WriteReport(runDir, r, runs, demoResult, compared,
                Environment.CommandLine);
            if (quiet)
                JsonOutput.Write(new
                {
                    success_rate = eval.SuccessRate, per_suite = eval.PerSuite, wall_s = Math.Round(clock.Elapsed.TotalSeconds, 1),
                    report = report.Markdown, html = report.Html,
                    train_steps_per_s = runs.Sum(p => p.Train.Steps - p.Train.StartStep) / Math.Max(runs.Sum(p => p.Train.Seconds), 1e-9),
                    final_val_loss = runs.Count == 1 ? runs[0].Train.FinalValidationLoss : null,
                    final_val_decision_loss = runs.Count == 1 ? runs[0].Train.FinalDecisionLoss : null,
                    final_val_decision_swapped_loss = runs.Count == 1 ? runs[0].Train.FinalSwappedInstructionLoss : null,
                    failures = eval.Suites.ToDictionary(s => s.Suite, s => EpisodeOutcomes.CountsByKey(s.Episodes)),
                    onnx = runs.Count == 1 ? runs[0].Export?.Onnx.Policy : null, mlnet = runs.Count == 1 ? runs[0].Export?.MlNet : null,
                    max_abs_diff = runs.Max(p => p.Export?.MaxAbsDiff), engine = runs[0].Engine,
                    policies = runs.ToDictionary(p => p.Name, p => new
                    {
                        run = p.Folder, suites = p.Suites, steps = p.Train.Steps, train_steps_per_s = p.Train.StepsPerSecond,
                        final_val_loss = p.Train.FinalValidationLoss, final_val_decision_loss = p.Train.FinalDecisionLoss,
                        final_val_decision_swapped_loss = p.Train.FinalSwappedInstructionLoss,
                        success_rate = p.Eval.SuccessRate, onnx = p.Export?.Onnx.Policy, mlnet = p.Export?.MlNet,
                        max_abs_diff = p.Export?.MaxAbsDiff, engine = p.Engine,
                    }),
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

    /// <summary>What every policy of a run shares: the recipe, evaluation settings and base; Steps is the run's budget, set
    /// to one policy's share before <see cref="RunPolicy"/>.</summary>
    private sealed record PolicyPlan(Recipe Recipe, int Steps, int TrialsPerTask, int Seed, int CurvePoints, string? BaseDir,
        bool Resume, bool Quiet, bool BinaryGripper, string Engine, PartCatalog Catalog, CancellationToken Cancellation);

    /// <summary>One policy: fine-tune on <paramref name="suites"/>' demonstrations (pausing for the success curve), export,
    /// evaluate in closed loop on the same suites, and write its report into <paramref name="folder"/>.</summary>
    private static PolicyRun RunPolicy(PolicyPlan plan, IReadOnlyList<string> suites, string folder, SuiteDemos.Result demos,
        IReadOnlyList<SuccessCurve> compared)
    {
        var (r, catalog) = (plan.Recipe, plan.Catalog);
        var name = string.Join("+", suites);
        Console.Error.WriteLine(plan.BaseDir is null ? $"[2/5 {name}] training from scratch (no base checkpoint) -> {folder}"
            : $"[2/5 {name}] fine-tuning from the base {plan.BaseDir} -> {folder}");
        Directory.CreateDirectory(folder);
        if (!plan.Resume) SuccessCurve.Reset(folder);
        var pauses = Enumerable.Range(1, Math.Max(0, plan.CurvePoints)).Select(i => (int)((long)plan.Steps * i / (plan.CurvePoints + 1))).ToList();
        var train = RecipeOnSuites.Train($"2/5 train {r.Name} on {name}", r, demos, catalog, folder, plan.Steps, plan.BaseDir,
            plan.Resume, plan.Quiet, plan.Cancellation, pauses, (t, seconds) =>
            {
                var e = RecipeOnSuites.Evaluate(PolicyEngine.Torch, folder, catalog, suites, CurveTrialsPerTask, plan.Seed,
                    r.ImageSize, plan.Quiet, plan.BinaryGripper, evalDir: Path.Combine(folder, "eval-curve", $"step{t.Steps}"), gifsPerTask: 0);
                SuccessCurve.Append(folder, new SuccessPoint(t.Steps, seconds / 60, e.SuccessRate, e.Episodes.Count()));
                Console.Error.WriteLine($"[curve {name}] step {t.Steps}: success {e.SuccessRate:P1} after {seconds / 60:F1} training minutes");
            });

        Console.Error.WriteLine($"[3/5 {name}] export: ONNX, checked against TorchSharp");
        var export = RecipeOnSuites.Export(folder, catalog);
        var engineName = export is null ? PolicyEngine.Torch : plan.Engine;
        Console.Error.WriteLine($"[4/5 {name}] closed-loop evaluation: {plan.TrialsPerTask} trials per task ({engineName})");
        var eval = RecipeOnSuites.Evaluate(engineName, folder, catalog, suites, plan.TrialsPerTask, plan.Seed, r.ImageSize, plan.Quiet,
            plan.BinaryGripper);
        var trainedMinutes = Checkpoint.ReadState(new RunFolder(folder)).WallSeconds / 60;   // over every session of a resumed run
        SuccessCurve.Append(folder, new SuccessPoint(train.Steps, trainedMinutes, eval.SuccessRate, eval.Episodes.Count()));

        Console.Error.WriteLine($"[5/5 {name}] writing the report");
        var curves = compared.Prepend(SuccessCurve.Read(folder, $"this run ({SuccessCurve.LabelOf(folder)})")).ToList();
        var report = RunReport.Write(ReportInput(folder, r, train, demos, eval, export, engineName, Environment.CommandLine) with { Curves = curves });
        return new PolicyRun(name, suites, folder, train, eval, export, engineName, report);
    }

    internal static RunReportInput ReportInput(string runDir, Recipe recipe, TrainResult train, SuiteDemos.Result demos,
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
            ("machine during training", MachineUse(MetricsLog.Read(runDir))),
            ("evaluation", $"{episodes.Count} episodes in {eval.Seconds:F0} s with the {engine} engine; failures: {EpisodeOutcomes.Summary(episodes)}{EpisodeOutcomes.TippedNote(episodes)}"),
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
            $"Each trial resets with its own seed; {SimChunkPolicy.Describe(recipe)}.",
        };
        return new RunReportInput(runDir, $"Vla.NET run: {recipe.Name}", commandLine, suites, tasks, facts,
            eval.Files.Where(f => f.EndsWith(".gif")).ToList(), notes);
    }

    /// <summary>Whether the cores were shared while training (a slow run explains itself) and the memory it took.</summary>
    internal static string MachineUse(MetricsLog log) =>
        (log.MeanLoad, log.PeakResidentMb) switch
        {
            ({ } load, { } rss) => $"1-minute load average {load:F1} on {Environment.ProcessorCount} cores (mean over the logged steps; " +
                                   $"above the core count, other work shared the machine); peak resident memory {rss:N0} MB",
            _ => "not logged (metrics.jsonl from before load and memory were logged)",
        };
}
