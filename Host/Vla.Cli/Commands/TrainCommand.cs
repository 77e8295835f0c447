using System.CommandLine;
using Vla.Abstractions;
using Vla.Core.Training;

namespace Vla.Cli.Commands;

/// <summary>`vla train`: trains a recipe into a run folder (checkpoints, metrics, statistics), resumable.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var recipe = new Option<string>("--recipe") { Description = "recipe name (see `vla recipes`) or path to a .json file", Required = true };
        var data = new Option<string>("--data") { Description = "dataset folder, or 'synthetic' for the built-in toy task", DefaultValueFactory = _ => "synthetic" };
        var episodes = new Option<int>("--episodes") { Description = "episodes to generate with --data synthetic", DefaultValueFactory = _ => 300 };
        var steps = new Option<int?>("--steps") { Description = "training steps (default: the recipe's training.steps)" };
        var output = new Option<string>("--out") { Description = "run folder to create (or continue with --resume)", Required = true };
        var resume = new Option<bool>("--resume") { Description = "continue from the run folder's last checkpoint, bit-exactly" };
        var baseRun = new Option<string?>("--base") { Description = "run folder to fine-tune from (e.g. from `vla pretrain`): loads every matching weight" };
        var stream = new StreamOption();
        var threads = ThreadsOption.Create();
        var json = CommonOptions.Json();
        var plugins = CommonOptions.Plugins();
        var command = new Command("train", """
            train a recipe; writes <out>/recipe.json, statistics.json, checkpoints/latest/, metrics.jsonl.
            example: vla train --recipe oft --data synthetic --steps 500 --out runs/oft
            larger than memory: vla train --recipe oft --data data/libero_spatial --stream --cache-mb 1024 --out runs/oft
            """) { recipe, data, episodes, steps, output, resume, baseRun, stream.Stream, stream.CacheMb, threads, json, plugins };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            using var computeThreads = ThreadsOption.Apply(parse.GetValue(threads));
            var r = RecipeFiles.Load(parse.GetValue(recipe)!);
            using var catalog = CommonOptions.LoadCatalog(parse.GetValue(plugins));
            var total = parse.GetValue(steps) ?? r.Training.Steps;
            using var cancel = CancelOnCtrlC();
            TrainOptions Options(IProgress<TrainProgress> progress, DatasetStatistics? statistics) =>
                new(parse.GetValue(output)!, parse.GetValue(resume), total, progress, Cancellation: cancel.Token, Statistics: statistics,
                    DataSource: parse.GetValue(data) == "synthetic" ? "synthetic" : Path.GetFullPath(parse.GetValue(data)!),
                    BaseRun: parse.GetValue(baseRun) is { } b ? Path.GetFullPath(b) : null);
            TrainResult result;
            if (stream.Value(parse) is { } streaming)
            {
                var (store, statistics) = DataSources.OpenStream(parse.GetValue(data)!, r);
                using (store)
                    result = ProgressView.Train($"train {r.Name}", total, parse.GetValue(json), progress =>
                        Trainer.Train(r, store, catalog, Options(progress, statistics), streaming));
            }
            else
            {
                // Dataset folders carry their statistics (dataset_statistics.json, computed once); synthetic data has none.
                var (episodesLoaded, statistics) = DataSources.LoadWithStatistics(parse.GetValue(data)!, r, parse.GetValue(episodes), r.Training.Seed);
                result = ProgressView.Train($"train {r.Name}", total, parse.GetValue(json), progress =>
                    Trainer.Train(r, episodesLoaded, catalog, Options(progress, statistics)));
            }
            foreach (var note in result.Notes) Console.Error.WriteLine($"note: {note}");
            if (parse.GetValue(json)) JsonOutput.Write(result);
            else
                Console.WriteLine($"trained {result.Steps} steps in {result.Seconds:F0} s ({result.StepsPerSecond:F2} steps/s), " +
                                  $"loss {result.FinalLoss:F4}, val {result.FinalValidationLoss:F4}, {result.Parameters:N0} parameters -> {result.Run}");
            return 0;
        }));
        return command;
    }

    /// <summary>Ctrl+C stops after the current step; the checkpoint written so far stays valid.</summary>
    public static CancellationTokenSource CancelOnCtrlC()
    {
        var source = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            source.Cancel();
        };
        return source;
    }
}
