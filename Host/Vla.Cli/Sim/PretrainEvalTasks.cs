using System.CommandLine;
using System.Text.Json;
using Vla.Abstractions;
using Vla.Cli.Pretrain;
using Vla.Sim;

namespace Vla.Cli.Sim;

/// <summary>
/// `vla eval --suite pretrain`: closed-loop success of a base on the generated family it was pretrained on, drawn as
/// its provenance.json records (tasks, seed, targets per scene), from new initial states (the trial seeds). Tasks
/// past the base's own count (`--first-task 240 --tasks-count 300` for the shipped base) were never trained on.
/// It tells whether a base can do closed loop what fine-tuning is meant to build on.
/// </summary>
internal sealed record PretrainEvalTasks(int TasksCount, int Seed, int TargetsPerScene, int FirstTask)
{
    public sealed record Options(Option<int?> TasksCount, Option<int> FirstTask, Option<int?> TargetsPerScene);

    public static Options CreateOptions() => new(
        new Option<int?>("--tasks-count") { Description = $"--suite pretrain only: size of the generated family (default: the base's provenance.json, else {Commands.PretrainCommand.DefaultTasksCount})" },
        new Option<int>("--first-task") { Description = "--suite pretrain only: evaluate tasks from this index on (tasks at or past the base's count are new to it)", DefaultValueFactory = _ => 0 },
        new Option<int?>("--targets-per-scene") { Description = $"--suite pretrain only: tasks per scene of the family (default: the base's provenance.json, else {TargetsPerSceneOption.Default})" });

    /// <summary>The family of <paramref name="runDir"/>'s pretraining, with the options' overrides.</summary>
    public static PretrainEvalTasks Resolve(ParseResult parse, Options options, string runDir)
    {
        var (count, seed, targets) = FromProvenance(runDir) ?? (Commands.PretrainCommand.DefaultTasksCount, 0, TargetsPerSceneOption.Default);
        count = parse.GetValue(options.TasksCount) ?? count;
        targets = parse.GetValue(options.TargetsPerScene) ?? targets;
        var first = parse.GetValue(options.FirstTask);
        if (targets is < 1 or > TargetsPerSceneOption.Max)
            throw new VlaException($"--targets-per-scene {targets} is outside 1..{TargetsPerSceneOption.Max}", "give the value the base was pretrained with (its provenance.json)");
        if (count < 1 || first < 0 || first >= count)
            throw new VlaException($"--first-task {first} leaves no task of a family of {count}", $"give --first-task below --tasks-count (e.g. --first-task {count} --tasks-count {count + 60} for tasks the base never saw)");
        return new PretrainEvalTasks(count, seed, targets, first);
    }

    public IReadOnlyList<string> Names() =>
        SimCatalog.PretrainTasks(TasksCount, Seed, TargetsPerScene).Skip(FirstTask).Select(t => t.Name).ToList();

    private static (int Count, int Seed, int Targets)? FromProvenance(string runDir)
    {
        try
        {
            return PretrainProvenance.Read(runDir)?.Latest is { } latest ? (latest.TasksCount, latest.Seed, latest.TargetsPerScene) : null;
        }
        catch (JsonException e)
        {
            throw new VlaException($"'{Path.Combine(runDir, PretrainProvenance.FileName)}' is not a readable pretraining provenance ({e.Message})",
                "give --tasks-count and --targets-per-scene, or restore the file from the base's folder");
        }
    }
}
