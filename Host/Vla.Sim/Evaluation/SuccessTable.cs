using System.Globalization;
using System.Text;

namespace Vla.Sim.Evaluation;

/// <summary>Markdown table of per-task success (task, instruction, successes/trials, rate) and how the rest failed.</summary>
internal static class SuccessTable
{
    /// <param name="instructions">each task's instruction by task name</param>
    internal static string Build(string suite, IReadOnlyList<EpisodeRecord> episodes, IReadOnlyDictionary<string, string> instructions)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Closed-loop evaluation: suite `{suite}`").AppendLine();
        var kinds = EpisodeOutcomes.Failures;
        sb.AppendLine("| task | instruction | success | rate | " + string.Join(" | ", kinds.Select(k => k.Label())) + " |")
          .AppendLine("|---|---|---|---|" + string.Concat(kinds.Select(_ => "---:|")));
        foreach (var group in episodes.GroupBy(e => e.Task))
        {
            int ok = group.Count(e => e.Success), n = group.Count();
            string instruction = instructions[group.Key];
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {instruction} | {ok}/{n} | {100.0 * ok / n:F1}% | {Counts(group)} |");
        }
        int all = episodes.Count(e => e.Success);
        sb.AppendLine(CultureInfo.InvariantCulture, $"| **all** | | {all}/{episodes.Count} | {100.0 * all / Math.Max(1, episodes.Count):F1}% | {Counts(episodes)} |");
        sb.AppendLine().AppendLine("Failures, judged from the simulator state against the goal the episode failed on: *wrong object* " +
            "(the gripper first closed at, or lifted, another object), *missed grasp* (it first closed at the named object, " +
            "which never left the table), *closed in air* (never within reach of an object), *wrong place* (lifted, rests in another fixture), *not placed* (lifted, rests in no fixture), " +
            "*no grasp* (never closed), *stopped* (invalid output, exception, diverged physics).");
        if (GraspLine(episodes) is { } grasps) sb.AppendLine().AppendLine(grasps);
        if (GoalsLine(episodes) is { } goals) sb.AppendLine().AppendLine(goals);
        if (FollowedLine(episodes) is { } followed) sb.AppendLine().AppendLine(followed);
        if (TippedLine(episodes) is { } tipped) sb.AppendLine().AppendLine(tipped);
        var stopped = episodes.Where(e => e.Outcome == EpisodeOutcome.Stopped).ToList();
        if (stopped.Count > 0)
        {
            sb.AppendLine().AppendLine("Episodes stopped early:").AppendLine();
            foreach (var e in stopped.Take(20)) sb.AppendLine($"- {e.Task} seed {e.Seed}: {e.StopReason}");
        }
        return sb.ToString();
    }

    /// <summary>Medians of the first grasp at the named object, episodes that succeeded beside those that missed it.</summary>
    internal static string? GraspLine(IReadOnlyList<EpisodeRecord> episodes)
    {
        var groups = new[] { ("succeeded", EpisodeOutcome.Success), ("missed the grasp", EpisodeOutcome.MissedGrasp) }
            .Select(g => (g.Item1, Grasps: episodes.Where(e => e.Outcome == g.Item2 && e.Grasp != null).Select(e => e.Grasp!).ToList()))
            .Where(g => g.Grasps.Count > 0).ToList();
        if (groups.Count == 0) return null;
        static string Median(IEnumerable<double> values)
        {
            var v = values.Order().ToList();
            return v.Count == 0 ? "-" : (v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2).ToString("0.#", CultureInfo.InvariantCulture);
        }
        return "First grasp at the named object, medians: " + string.Join("; ", groups.Select(g =>
            $"episodes that {g.Item1} ({g.Grasps.Count}): {Median(g.Grasps.Select(x => x.HorizontalMm))} mm beside its centre " +
            $"({Median(g.Grasps.Select(x => x.AcrossMm))} mm across the fingers' travel), " +
            $"{Median(g.Grasps.Select(x => x.HeightMm))} mm above it, closed {Median(g.Grasps.Where(x => x.StepsBeforeLift != null).Select(x => (double)x.StepsBeforeLift!))} " +
            "steps before lifting")) + ".";
    }

    /// <summary>For tasks with several goals (long): how many goals the failed episodes had met at the end, so a report
    /// says whether the policy fails the first step or the second. Null for one-goal tasks: there no episode meets two
    /// goals, and no failed one meets any (meeting its one goal ends the episode as a success). A failed episode that met
    /// a goal therefore marks a multi-goal suite even when nothing succeeded, which is where the line helps most.</summary>
    internal static string? GoalsLine(IReadOnlyList<EpisodeRecord> episodes)
    {
        if (!episodes.Any(e => e.GoalsDone > 1 || (!e.Success && e.GoalsDone > 0))) return null;
        var failed = episodes.Where(e => !e.Success).ToList();
        var counts = failed.GroupBy(e => e.GoalsDone).OrderBy(g => g.Key)
            .Select(g => $"{g.Key} goal{(g.Key == 1 ? "" : "s")} met: {g.Count()}");
        return $"Failed episodes ({failed.Count}) by the goals they had met at the end: {string.Join(", ", counts)}.";
    }

    /// <summary>How many failed episodes carried out another task's instruction instead of their own, and which pairs: the
    /// grounding failures, apart from the motor ones. Null when none did.</summary>
    internal static string? FollowedLine(IReadOnlyList<EpisodeRecord> episodes)
    {
        var followed = episodes.Where(e => e.FollowedTask is not null).ToList();
        if (followed.Count == 0) return null;
        var pairs = followed.GroupBy(e => (e.Task, Other: e.FollowedTask!)).OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key.Task, StringComparer.Ordinal).Select(g => $"{g.Key.Task} did {g.Key.Other}'s: {g.Count()}");
        return $"Failed episodes that carried out another task's instruction instead (met more of its goals, in order, than of " +
               $"their own): {followed.Count} of {episodes.Count(e => !e.Success)} ({string.Join("; ", pairs)}).";
    }

    /// <summary>How many episodes knocked a cylinder over (failed beside succeeded, and which cylinders), so a report
    /// tells clumsy failures from confused ones. Null when no cylinder tipped.</summary>
    internal static string? TippedLine(IReadOnlyList<EpisodeRecord> episodes)
    {
        var tipped = episodes.Where(e => e.Tipped.Count > 0).ToList();
        if (tipped.Count == 0) return null;
        int failed = tipped.Count(e => !e.Success), allFailed = episodes.Count(e => !e.Success);
        var which = tipped.SelectMany(e => e.Tipped).GroupBy(n => n).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}");
        // Multi-goal tasks: which step's grasping knocks the cylinder over (recovery demonstrations would target it).
        var goals = tipped.Any(e => e.FirstTipGoal > 1)
            ? " The first tip came while working on " + string.Join(", ", tipped.GroupBy(e => e.FirstTipGoal).OrderBy(g => g.Key)
                .Select(g => $"goal {g.Key} in {g.Count()}")) + "."
            : "";
        return $"A cylinder tipped over (leaned more than {OutcomeTracker.TippedDegrees:0} degrees outside the fixtures) in {failed} of {allFailed} failed " +
            $"episodes and {tipped.Count - failed} of {episodes.Count - allFailed} successes ({string.Join(", ", which)}).{goals}";
    }

    private static string Counts(IEnumerable<EpisodeRecord> episodes) =>
        string.Join(" | ", EpisodeOutcomes.CountFailures(episodes).Select(c => c.Count));
}
