using System.CommandLine;
using Vla.Cli.Sim;

namespace Vla.Cli.Commands;

/// <summary>`vla demos`: scripted-expert demonstrations written as LIBERO/robomimic HDF5, one file per task.</summary>
internal static class DemosCommand
{
    public static Command Create()
    {
        var suite = new Option<string>("--suite") { Description = "spatial, object, goal, long, a comma list, or all; or pretrain (generated held-out tasks)", Required = true };
        var tasksCount = new Option<int>("--tasks-count") { Description = "--suite pretrain only: how many generated tasks", DefaultValueFactory = _ => 100 };
        var episodes = new Option<int>("--episodes-per-task") { Description = "successful episodes to keep per task", DefaultValueFactory = _ => 50 };
        var output = new Option<string>("--out") { Description = "folder for <task>_demo.hdf5 files (several suites: <out>/<suite>/)", Required = true };
        var seed = new Option<int>("--seed") { Description = "base seed of initial placements and expert noise", DefaultValueFactory = _ => 0 };
        var size = new Option<int>("--image-size") { Description = "pixels per camera", DefaultValueFactory = _ => 128 };
        var workers = new Option<int>("--workers") { Description = "tasks simulated in parallel", DefaultValueFactory = _ => Environment.ProcessorCount };
        var tasks = new Option<string[]>("--task") { Description = "only these tasks (repeatable)", AllowMultipleArgumentsPerToken = true };
        var mixOptions = new DemoMixOptions();
        var targets = TargetsPerSceneOption.Create();
        var json = CommonOptions.Json();
        var command = new Command("demos", """
            record scripted-expert demonstrations (only successful episodes are kept).
            A file already written by the same request is reused, so an interrupted call resumes task by task.
            example: vla demos --suite spatial --episodes-per-task 50 --out data/spatial --json
            pretraining data: vla demos --suite pretrain --tasks-count 240 --episodes-per-task 6 --out data/pretrain [--targets-per-scene 1]
            """) { suite, episodes, output, seed, size, workers, tasks, tasksCount, targets, mixOptions.Retry, mixOptions.Tipped, mixOptions.Perturbed, json };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            if (parse.GetValue(episodes) < 1) throw new Abstractions.VlaException("--episodes-per-task must be at least 1");
            var selected = parse.GetValue(tasks) is { Length: > 0 } t ? t : null;
            if (parse.GetValue(tasksCount) < 1) throw new Abstractions.VlaException("--tasks-count must be at least 1");
            var r = SuiteDemos.Generate(SimSuites.Parse(parse.GetValue(suite), allowPretrain: true), parse.GetValue(episodes),
                Path.GetFullPath(parse.GetValue(output)!), parse.GetValue(seed), parse.GetValue(size), parse.GetValue(workers),
                parse.GetValue(json), selected, parse.GetValue(tasksCount),
                mixOptions.Mix(parse),
                targetsPerScene: TargetsPerSceneOption.Value(parse, targets));
            if (parse.GetValue(json))
                JsonOutput.Write(new
                {
                    expert_success_rate = r.ExpertSuccessRate, per_suite = r.PerSuite, files = r.Files, episodes = r.Episodes,
                    frames = r.Frames, seconds = Math.Round(r.Seconds, 1),
                });
            else
                Console.WriteLine($"{r.Episodes} episodes ({r.Frames:N0} frames) in {r.Files.Count} files, expert success {r.ExpertSuccessRate:P1}, " +
                                  $"{r.Seconds:F0} s -> {string.Join(", ", r.Folders)}");
            return 0;
        }));
        return command;
    }
}
