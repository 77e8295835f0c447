using System.Globalization;
using System.Text;

namespace Vla.Sim.Evaluation;

/// <summary>Markdown table of per-task success (task, instruction, successes/trials, rate) and how the rest failed.</summary>
internal static class SuccessTable
{
    internal static string Build(string suite, IReadOnlyList<EpisodeRecord> episodes)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Closed-loop evaluation: suite `{suite}`").AppendLine();
        var kinds = EpisodeOutcomes.Failures;
        sb.AppendLine("| task | instruction | success | rate | " + string.Join(" | ", kinds.Select(k => k.Label())) + " |")
          .AppendLine("|---|---|---|---|" + string.Concat(kinds.Select(_ => "---:|")));
        foreach (var group in episodes.GroupBy(e => e.Task))
        {
            int ok = group.Count(e => e.Success), n = group.Count();
            string instruction = SimCatalog.Task(suite, group.Key).Instruction;
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {instruction} | {ok}/{n} | {100.0 * ok / n:F1}% | {Counts(group)} |");
        }
        int all = episodes.Count(e => e.Success);
        sb.AppendLine(CultureInfo.InvariantCulture, $"| **all** | | {all}/{episodes.Count} | {100.0 * all / Math.Max(1, episodes.Count):F1}% | {Counts(episodes)} |");
        sb.AppendLine().AppendLine("Failures, judged from the simulator state against the goal the episode failed on: *wrong object* " +
            "(the gripper first closed at, or lifted, another object), *missed grasp* (it first closed at the named object, " +
            "which never left the table), *closed in air* (never within reach of an object), *wrong place* (lifted, rests in another fixture), *not placed* (lifted, rests in no fixture), " +
            "*no grasp* (never closed), *stopped* (invalid output, exception, diverged physics).");
        var stopped = episodes.Where(e => e.Outcome == EpisodeOutcome.Stopped).ToList();
        if (stopped.Count > 0)
        {
            sb.AppendLine().AppendLine("Episodes stopped early:").AppendLine();
            foreach (var e in stopped.Take(20)) sb.AppendLine($"- {e.Task} seed {e.Seed}: {e.StopReason}");
        }
        return sb.ToString();
    }

    private static string Counts(IEnumerable<EpisodeRecord> episodes) =>
        string.Join(" | ", EpisodeOutcomes.CountFailures(episodes).Select(c => c.Count));
}
