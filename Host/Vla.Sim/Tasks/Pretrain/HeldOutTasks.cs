using System.Text.RegularExpressions;
using Vla.Sim.Scene;

namespace Vla.Sim.Tasks.Pretrain;

/// <summary>
/// What the pretraining family must never generate: an evaluation task's (scene objects, goals) combination or
/// its instruction. Objects are compared by label (what the camera and the instruction see), not by body name, so
/// renaming an object cannot smuggle an evaluation task into pretraining. Relational tasks are held out by meaning
/// too: the same goals named by the same relation to the same landmark ("the red cube left of the bowl ... on the
/// plate") are refused whatever the phrasing or the distractors, since relational grounding is what the spatial
/// suite measures.
/// </summary>
internal static partial class HeldOutTasks
{
    private static readonly Lazy<(HashSet<string> Combinations, HashSet<string> Instructions, HashSet<string> Relations)> Evaluation = new(Build);

    internal static bool Collides(SceneSpec scene, IReadOnlyList<PlaceGoal> goals, string instruction) =>
        Evaluation.Value.Combinations.Contains(Combination(scene, goals))
        || Evaluation.Value.Instructions.Contains(Normalise(instruction))
        || RelationalMeaning(scene, goals, instruction) is { } meaning && Evaluation.Value.Relations.Contains(meaning);

    /// <summary>Sorted object labels (with repeats) plus the goals in order, e.g. "red cube,red cube|red cube>plate".</summary>
    internal static string Combination(SceneSpec scene, IReadOnlyList<PlaceGoal> goals) =>
        string.Join(",", scene.Objects.Select(o => o.Label).Order(StringComparer.Ordinal)) + "|" + Goals(scene, goals);

    internal static string Normalise(string instruction) => string.Join(' ', instruction.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>"red cube>plate@left of the bowl" for an instruction naming a relation to a landmark; null otherwise.</summary>
    internal static string? RelationalMeaning(SceneSpec scene, IReadOnlyList<PlaceGoal> goals, string instruction) =>
        RelationPhrase().Match(Normalise(instruction)) is { Success: true } m ? $"{Goals(scene, goals)}@{m.Value}" : null;

    private static string Goals(SceneSpec scene, IReadOnlyList<PlaceGoal> goals) =>
        string.Join(";", goals.Select(g => $"{scene.Object(g.Object).Label}>{scene.Fixture(g.Fixture).Label}"));

    [GeneratedRegex(@"\b(left of|right of|in front of|behind) the \w+")]
    private static partial Regex RelationPhrase();

    private static (HashSet<string>, HashSet<string>, HashSet<string>) Build()
    {
        var tasks = SimCatalog.Suites.SelectMany(SimCatalog.SuiteTasks).ToList();
        return (tasks.Select(t => Combination(t.Scene, t.Goals)).ToHashSet(),
                tasks.Select(t => Normalise(t.Info.Instruction)).ToHashSet(),
                tasks.Select(t => RelationalMeaning(t.Scene, t.Goals, t.Info.Instruction)).OfType<string>().ToHashSet());
    }
}
