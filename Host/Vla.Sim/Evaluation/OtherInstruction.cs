using Vla.Sim.Scene;
using Vla.Sim.Tasks;

namespace Vla.Sim.Evaluation;

/// <summary>
/// Whether a failed episode carried out another task's instruction instead of its own: a task of the same suite and scene
/// whose goals, met in order at the end, outnumber the episode's own. Long's mirror pairs ("put A in the basket and then B
/// on the plate" against "B in the basket, then A on the plate") share every word, so this counts the grounding failures
/// that the outcome, judged on the episode's own goals, files as wrong place or wrong object.
/// </summary>
internal static class OtherInstruction
{
    /// <summary>The other task that got furthest, by name; null when none got further than the episode's own task.</summary>
    internal static string? Followed(SimTask task, IReadOnlyList<SimTask> suite, WorldState final)
    {
        var own = GoalsInOrder(task, final);
        return suite.Where(t => t.Info.Name != task.Info.Name && SameScene(t.Scene, task.Scene))
            .Select(t => (t.Info.Name, Met: GoalsInOrder(t, final)))
            .Where(t => t.Met > own)
            .OrderByDescending(t => t.Met).ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => t.Name).FirstOrDefault();
    }

    /// <summary>The task's goals met in execution order, up to the first unmet one (a long task's second placement
    /// counts only once the first holds).</summary>
    internal static int GoalsInOrder(SimTask task, WorldState world)
    {
        int i = 0;
        while (i < task.Goals.Count && SuccessDetector.IsSatisfied(task.Goals[i], task.Scene, world)) i++;
        return i;
    }

    // The same objects and fixtures by name: another scene's goals name objects this world lacks.
    private static bool SameScene(SceneSpec a, SceneSpec b) =>
        ReferenceEquals(a, b) || (a.Objects.Select(o => o.Name).Order().SequenceEqual(b.Objects.Select(o => o.Name).Order())
                                  && a.Fixtures.Select(f => f.Name).Order().SequenceEqual(b.Fixtures.Select(f => f.Name).Order()));
}
