using System.Globalization;
using System.Text;

namespace Vla.Sim.Evaluation;

/// <summary>Markdown table of per-task success (task, instruction, successes/trials, rate).</summary>
internal static class SuccessTable
{
    internal static string Build(string suite, IReadOnlyList<EpisodeRecord> episodes)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Closed-loop evaluation: suite `{suite}`").AppendLine();
        sb.AppendLine("| task | instruction | success | rate |").AppendLine("|---|---|---|---|");
        foreach (var group in episodes.GroupBy(e => e.Task))
        {
            int ok = group.Count(e => e.Success), n = group.Count();
            string instruction = SimCatalog.Task(suite, group.Key).Instruction;
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {instruction} | {ok}/{n} | {100.0 * ok / n:F1}% |");
        }
        int all = episodes.Count(e => e.Success);
        sb.AppendLine(CultureInfo.InvariantCulture, $"| **all** | | {all}/{episodes.Count} | {100.0 * all / Math.Max(1, episodes.Count):F1}% |");
        var stopped = episodes.Where(e => e.StopReason != null).ToList();
        if (stopped.Count > 0)
        {
            sb.AppendLine().AppendLine("Episodes stopped early:").AppendLine();
            foreach (var e in stopped.Take(20)) sb.AppendLine($"- {e.Task} seed {e.Seed}: {e.StopReason}");
        }
        return sb.ToString();
    }
}
