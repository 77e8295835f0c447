using Vla.Abstractions;
using Vla.Core.Plugins;
using Vla.Core.Training;
using Vla.Onnx;

namespace Vla.Cli.Sim;

/// <summary>
/// The phases `vla run` and `vla ablate` share for one recipe on cached suite demonstrations: train (from a base or
/// from scratch, resumable), export (ONNX + ML.NET, checked against TorchSharp), closed-loop evaluation.
/// </summary>
internal static class RecipeOnSuites
{
    /// <summary>
    /// Trains to <paramref name="steps"/>; with <paramref name="pauseAt"/> it stops at those steps (a checkpoint, exactly
    /// as if interrupted), calls <paramref name="atPause"/> with the training seconds since step 0 (e.g. to evaluate) and
    /// resumes - the final weights are the same as without pauses. Data is loaded once.
    /// </summary>
    public static TrainResult Train(string title, Recipe recipe, SuiteDemos.Result demos, PartCatalog catalog, string runDir,
        int steps, string? baseDir, bool resume, bool quiet, CancellationToken cancellation,
        IReadOnlyList<int>? pauseAt = null, Action<TrainResult, double>? atPause = null)
    {
        var data = demos.Folders.SelectMany(f => DataSources.Load(f, recipe, 0, recipe.Training.Seed)).ToList();
        var continuing = resume && new RunFolder(runDir).HasCheckpoint;
        var stops = (pauseAt ?? []).Where(s => s > 0 && s < steps).Distinct().Order().Append(steps).ToList();
        TrainResult? first = null, last = null;
        var seconds = 0.0;
        foreach (var stop in stops)
        {
            if (continuing && Checkpoint.ReadState(new RunFolder(runDir)).Step >= stop && stop < steps) continue;
            var r = ProgressView.Train(title, steps, quiet, progress =>
                Trainer.Train(recipe, data, catalog, new TrainOptions(runDir, continuing, steps, progress, Cancellation: cancellation,
                    DataSource: string.Join("\n", demos.Folders), BaseRun: baseDir, StopAfterStep: stop < steps ? stop : null)));
            continuing = true;
            seconds += r.Seconds;
            first ??= r;
            last = r;
            // Training seconds since step 0, over every session of a resumed run (the checkpoint keeps the sum).
            if (stop < steps) atPause?.Invoke(r, Checkpoint.ReadState(new RunFolder(runDir)).WallSeconds);
        }
        return last! with
        {
            StartStep = first!.StartStep, FirstValidationLoss = first.FirstValidationLoss, Seconds = seconds,
            StepsPerSecond = (last.Steps - first.StartStep) / Math.Max(seconds, 1e-9),
        };
    }

    /// <summary>Exports the run; a part without ONNX support (e.g. a user's plugin) is reported, not fatal: the
    /// evaluation then runs on TorchSharp.</summary>
    public static RunExport.Result? Export(string runDir, PartCatalog catalog)
    {
        try
        {
            return RunExport.Export(runDir, catalog, samples: 16);
        }
        catch (VlaException e)
        {
            Console.Error.WriteLine($"warning: not exported ({e.Message}); evaluating with TorchSharp");
            return null;
        }
    }

    /// <summary>Closed-loop success; <paramref name="instruction"/> replaces what the policy is told (language probes).</summary>
    public static SuiteEvaluation.Result Evaluate(string engine, string runDir, PartCatalog catalog, IReadOnlyList<string> suites,
        int trials, int seed, int imageSize, bool quiet, bool binaryGripper = true, Func<string, string>? instruction = null,
        string? evalDir = null, int gifsPerTask = 1)
    {
        using var policy = PolicyEngine.Load(engine, runDir, catalog);
        return SuiteEvaluation.Run(SimChunkPolicy.For(policy, binaryGripper, instruction), suites, trials, seed, imageSize,
            Environment.ProcessorCount, evalDir ?? Path.Combine(runDir, "eval"), gifsPerTask, quiet);
    }
}
