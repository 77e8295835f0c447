using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Vla.Abstractions;
using Vla.Cli.Ablation;
using Vla.Cli.Sim;
using Vla.Core.Training;
using Vla.Onnx;
using Vla.Sim;

namespace Vla.Cli.Commands;

/// <summary>
/// `vla ablate`: the paper's ablation (Table I) as one command. Every row trains on the same demonstrations from the
/// same base with the same step budget, is evaluated in closed loop, and is timed at batch 1 in the same process;
/// OFT with and without FiLM are also run with shuffled instructions on the goal suite. As in `vla run`, each row
/// fine-tunes one policy per suite by default (the paper's LIBERO protocol), splitting its steps by episode horizon
/// (long, two pick-and-places per task, gets twice the steps per task).
/// </summary>
internal static class AblateCommand
{
    private sealed record Budget(int Steps, int EpisodesPerTask, int TrialsPerTask);

    private static readonly Budget Full = new(1500, 50, 10), Quick = new(100, 10, 1);
    private const string RowFile = "ablation_row.json", GroundingSuite = "goal";

    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = $"a small run: {Quick.EpisodesPerTask} demos/task, {Quick.Steps} steps, {Quick.TrialsPerTask} trial/task" };
        var variants = new Option<string[]>("--variant") { Description = "rows to run (1-6 or ids; repeatable; default all)", AllowMultipleArgumentsPerToken = true };
        var suite = new Option<string>("--suite") { Description = "spatial, object, goal, long, a comma list, or all", DefaultValueFactory = _ => "all" };
        var steps = new Option<int?>("--steps") { Description = $"training steps of every row (default {Full.Steps}, --quick {Quick.Steps})" };
        var episodes = new Option<int?>("--episodes-per-task") { Description = $"demonstrations per task (default {Full.EpisodesPerTask})" };
        var trials = new Option<int?>("--trials-per-task") { Description = $"closed-loop trials per task (default {Full.TrialsPerTask})" };
        var seed = new Option<int>("--seed") { Description = "seed of demonstrations and evaluation trials", DefaultValueFactory = _ => 0 };
        var demos = new Option<string?>("--demos") { Description = "demonstration cache folder (default data/demos<image size>, shared with vla run)" };
        var output = new Option<string>("--out") { Description = "folder of the rows' runs and the table", DefaultValueFactory = _ => "runs/ablate" };
        var resume = new Option<bool>("--resume") { Description = "keep rows already finished in --out and continue an interrupted one" };
        var baseRun = new Option<string?>("--base") { Description = $"base run every row fine-tunes from (default: {ShippedBase.RelativePath} when it exists)" };
        var fromScratch = new Option<bool>("--from-scratch") { Description = "train every row from random initialisation" };
        var size = ModelSizeOption.Create();
        var mixOptions = DemoMixOptions.FineTune();
        var policies = PoliciesOption.Create();
        var noGrounding = new Option<bool>("--no-grounding") { Description = "skip the shuffled-instruction runs on the goal suite" };
        var threads = ThreadsOption.Create();
        var json = CommonOptions.Json();
        var plugins = CommonOptions.Plugins();
        var command = new Command("ablate", """
            the paper's ablation in one run: 1 autoregressive + discrete (K=1), 2 parallel + discrete + chunking,
            3 + continuous L1, 4 continuous diffusion, 5 + wrist camera + proprio (OFT), 6 + FiLM (OFT+). Same demos, same
            base, same steps; closed-loop success per suite and actions/s at batch 1 (ONNX Runtime where the row exports)
            measured in this run; OFT and OFT+ on the goal suite with shuffled instructions (language grounding).
            Writes <out>/ablation.md and ablation.json, and one run folder per row.
            example: vla ablate --suite spatial,goal --steps 1000 --out runs/ablate --json
            """) { quick, variants, suite, policies, steps, episodes, trials, seed, demos, output, resume, baseRun, fromScratch, size, mixOptions.Retry, mixOptions.Tipped, mixOptions.Perturbed, noGrounding, threads, json, plugins };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            using var computeThreads = ThreadsOption.Apply(parse.GetValue(threads));
            var clock = Stopwatch.StartNew();
            var budget = parse.GetValue(quick) ? Quick : Full;
            var quiet = parse.GetValue(json);
            var rows = AblationVariant.Select(AblationVariant.All(name => ModelSizeOption.Apply(RecipeFiles.Load(name), parse.GetValue(size))), parse.GetValue(variants) ?? []);
            var suites = SimSuites.Parse(parse.GetValue(suite));
            var total = parse.GetValue(steps) ?? budget.Steps;
            var perTask = parse.GetValue(episodes) ?? budget.EpisodesPerTask;
            var trialCount = parse.GetValue(trials) ?? budget.TrialsPerTask;
            var trialSeed = parse.GetValue(seed);
            if (total < 1 || perTask < 1 || trialCount < 1)
                throw new VlaException("--steps, --episodes-per-task and --trials-per-task must be at least 1");
            var imageSizes = rows.Select(v => v.Recipe.ImageSize).Distinct().ToList();
            if (imageSizes.Count != 1)
                throw new VlaException($"the rows' recipes use different image sizes ({string.Join(", ", imageSizes)})", "give them one image_size");
            var imageSize = imageSizes[0];
            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            var demoDir = Path.GetFullPath(parse.GetValue(demos) ?? Path.Combine("data", $"demos{imageSize}"));
            Console.Error.WriteLine($"[demos] {perTask} per task, {string.Join(", ", suites)} at {imageSize} px -> {demoDir}");
            var mix = mixOptions.Mix(parse);
            var cacheDir = Path.Combine(demoDir, SuiteDemos.CacheName(perTask, trialSeed, mix));
            var demoResult = SuiteDemos.Generate(suites, perTask, cacheDir, trialSeed, imageSize, Environment.ProcessorCount, quiet,
                mix: mix, suiteFolders: true);
            var groups = PoliciesOption.Groups(parse.GetValue(policies), suites);
            // Every row's policies train on the same demonstrations: read each policy's part of the cache once.
            var demosOf = groups.ToDictionary(g => string.Join("+", g), g => SuiteDemos.ForPolicy(g, demoResult, perTask, cacheDir, trialSeed, imageSize, mix));

            using var catalog = CommonOptions.LoadCatalog(parse.GetValue(plugins));
            using var cancel = TrainCommand.CancelOnCtrlC();
            var baseDir = parse.GetValue(fromScratch) ? null : ShippedBase.Resolve(parse.GetValue(baseRun), parse.GetValue(size) == ModelSizeOption.Default);
            var finished = new List<(AblationVariant Variant, string Run, AblationRow Row)>();
            foreach (var v in rows)
            {
                var runDir = Path.Combine(outDir, $"{v.Row}-{v.Id}");
                var rowFile = Path.Combine(runDir, RowFile);
                if (parse.GetValue(resume) && File.Exists(rowFile))
                {
                    var kept = JsonSerializer.Deserialize<AblationRow>(File.ReadAllText(rowFile))!;
                    finished.Add((v, runDir, kept));
                    Console.Error.WriteLine($"[row {v.Row}] {v.Label}: kept ({kept.SuccessRate:P1})");
                    continue;
                }
                if (!parse.GetValue(resume) && Directory.Exists(runDir)) Directory.Delete(runDir, recursive: true);
                Console.Error.WriteLine($"[row {v.Row}] {v.Label}: {(baseDir is null ? "from scratch" : $"from {baseDir}")}");
                var trained = PoliciesOption.Plan(groups, runDir, total).Select(p =>
                {
                    var train = RecipeOnSuites.Train($"row {v.Row} train {v.Id} on {string.Join("+", p.Suites)}", v.Recipe, demosOf[string.Join("+", p.Suites)],
                        catalog, p.Folder, p.Steps, baseDir, parse.GetValue(resume), quiet, cancel.Token);
                    var engine = RecipeOnSuites.Export(p.Folder, catalog) is null ? PolicyEngine.Torch : PolicyEngine.Ort;
                    var eval = RecipeOnSuites.Evaluate(engine, p.Folder, catalog, p.Suites, trialCount, trialSeed, imageSize, quiet);
                    return (p.Folder, Train: train, Engine: engine, Eval: eval);
                }).ToList();
                var evals = SuiteEvaluation.Combine(trained.Select(t => t.Eval).ToList());
                var losses = trained.Select(t => t.Train.FinalValidationLoss).OfType<double>().ToList();
                var row = new AblationRow(v.Row, v.Id, v.Label, evals.SuccessRate, evals.PerSuite, evals.Episodes.Count(), 0, 0,
                    string.Join("+", trained.Select(t => t.Engine).Distinct()), trained.Sum(t => t.Train.Steps), trained.Sum(t => t.Train.Seconds),
                    losses.Count > 0 ? losses.Average() : null, trained[0].Train.Parameters, DenoisingSteps(v.Recipe))
                {
                    Policies = trained.Select(t => new AblationPolicy(t.Folder, t.Engine)).ToList(),
                };
                AtomicFile.WriteAllText(rowFile, JsonSerializer.Serialize(row));
                finished.Add((v, runDir, row));
                Console.Error.WriteLine($"[row {v.Row}] success {evals.SuccessRate:P1}");
            }

            // Speed is timed after all training, one row after another, so every row sees the same machine state.
            Console.Error.WriteLine("[speed] actions/s at batch 1, every row in turn");
            var measured = finished.Select(f =>
            {
                // Speed depends on the architecture, not the weights: any of the row's policies will do.
                using var policy = PolicyEngine.Load(f.Row.EngineOf(0), f.Row.PolicyFolder(f.Run, 0), catalog);
                var speed = PolicyThroughput.Measure(policy);
                return f.Row with { ActionsPerSecond = speed.ActionsPerSecond, ChunkP50Ms = speed.ChunkP50Ms };
            }).ToList();

            var grounding = parse.GetValue(noGrounding) ? [] : Grounding(finished, catalog, trialCount, trialSeed, imageSize, quiet);
            var result = new AblationResult(measured, grounding, suites, total, perTask, trialCount, baseDir, Environment.CommandLine,
                clock.Elapsed.TotalSeconds) { PolicyCount = groups.Count };
            Directory.CreateDirectory(outDir);
            var markdown = AblationTable.Markdown(result);
            AtomicFile.WriteAllText(Path.Combine(outDir, "ablation.md"), markdown);
            AtomicFile.WriteAllText(Path.Combine(outDir, "ablation.json"), JsonSerializer.Serialize(AblationTable.Json(result), new JsonSerializerOptions { WriteIndented = true }));
            if (quiet) JsonOutput.Write(new { table = Path.Combine(outDir, "ablation.md"), ablation = AblationTable.Json(result) });
            else Console.Write(markdown);
            return 0;
        }));
        return command;
    }

    /// <summary>OFT and OFT+ on the goal suite: with each task's own instruction and with the next task's.</summary>
    private static List<GroundingRow> Grounding(List<(AblationVariant Variant, string Run, AblationRow Row)> finished,
        Core.Plugins.PartCatalog catalog, int trials, int seed, int imageSize, bool quiet)
    {
        var shuffled = InstructionShuffle.For([GroundingSuite]);
        var rows = new List<GroundingRow>();
        foreach (var f in finished.Where(f => f.Variant.Id is "oft" or "oft-plus"))
        {
            Console.Error.WriteLine($"[grounding] {f.Variant.Id} on {GroundingSuite}: correct and shuffled instructions");
            // The goal suite's own policy when the row trained one; otherwise the row's (first) policy, never trained on goal.
            int index = Math.Max(0, f.Row.Policies?.FindIndex(p => Path.GetFileName(p.Folder) == GroundingSuite) ?? 0);
            var (engine, folder) = (f.Row.EngineOf(index), f.Row.PolicyFolder(f.Run, index));
            var correct = f.Row.PerSuite.TryGetValue(GroundingSuite, out var c)
                ? c
                : RecipeOnSuites.Evaluate(engine, folder, catalog, [GroundingSuite], trials, seed, imageSize, quiet, gifsPerTask: 0,
                    evalDir: Path.Combine(folder, "eval-grounding")).SuccessRate;
            var wrong = RecipeOnSuites.Evaluate(engine, folder, catalog, [GroundingSuite], trials, seed, imageSize, quiet,
                instruction: shuffled, evalDir: Path.Combine(folder, "eval-shuffled"), gifsPerTask: 0);
            rows.Add(new GroundingRow(f.Variant.Id, GroundingSuite, correct, wrong.SuccessRate, wrong.Episodes.Count()));
        }
        return rows;
    }

    private static int DenoisingSteps(Recipe recipe) =>
        recipe.Head == "diffusion" && recipe.HeadOptions?.TryGetValue("inference_steps", out var s) == true ? s.GetInt32() : 0;
}
