using System.CommandLine;
using Vla.Abstractions;

namespace Vla.Cli;

/// <summary>
/// --targets-per-scene: how many generated pretraining tasks share one scene and differ only in the goal their
/// instruction names. With one, each scene has one task and a policy can tell the task from the objects it sees
/// without reading the instruction.
/// </summary>
internal static class TargetsPerSceneOption
{
    public const int Max = 8;

    /// <summary>What stage 1 of the shipped base was pretrained with, so its reproduce command needs no flag (models/base/README.md).</summary>
    public const int Default = 3;

    public static Option<int> Create() => new("--targets-per-scene")
    {
        Description = "generated tasks that share one scene and differ only in the goal the instruction names (1: one task " +
                      "per scene, the family of bases before 2026-11-27); more makes the base read the instruction",
        DefaultValueFactory = _ => Default,
    };

    public static int Value(ParseResult parse, Option<int> option)
    {
        var v = parse.GetValue(option);
        if (v is < 1 or > Max)
            throw new VlaException($"--targets-per-scene {v} is outside 1..{Max}", "give 1 (a scene per task) or e.g. 3");
        return v;
    }

    /// <summary>Suffix of the demonstration cache folder ("-t3"), empty for one task per scene.</summary>
    public static string CacheSuffix(int targetsPerScene) => targetsPerScene > 1 ? $"-t{targetsPerScene}" : "";
}
