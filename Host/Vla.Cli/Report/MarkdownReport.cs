using System.Text;
using static Vla.Cli.Report.InlineText;

namespace Vla.Cli.Report;

/// <summary>report.md: the same sections as the HTML page; plots and GIFs are linked relative to the run folder.</summary>
internal static class MarkdownReport
{
    public static string Render(ReportContent content)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(Markdown(content.Input.Title, tableCell: true)).AppendLine();
        SuccessTable(md, content);
        LossCurves(md, content);
        TaskSuccess(md, content);
        Facts(md, content);
        Rollouts(md, content);
        Notes(md, content);
        return md.ToString();
    }

    private static void Heading(StringBuilder md, (string Id, string Title) section) =>
        md.Append("## ").AppendLine(section.Title).AppendLine();

    private static void SuccessTable(StringBuilder md, ReportContent c)
    {
        Heading(md, Sections.Success);
        if (c.AverageSuccess is not { } average)
        {
            md.AppendLine("No evaluation results.").AppendLine();
            return;
        }
        md.AppendLine("| suite | success | successes/trials |").AppendLine("|---|---:|---:|");
        foreach (var s in c.Input.Suites)
            md.AppendLine($"| {Markdown(s.Suite, true)} | {ReportContent.Percent(s.SuccessRate)} | {s.Successes}/{s.Trials} |");
        md.AppendLine($"| **average** | **{ReportContent.Percent(average)}** | {c.TotalSuccesses}/{c.TotalTrials} |").AppendLine();
        md.AppendLine("The average is the mean over suites (each suite weighs the same).").AppendLine();
    }

    private static void LossCurves(StringBuilder md, ReportContent c)
    {
        Heading(md, Sections.Loss);
        if (c.LossPlot is { } plot) Plot(md, c, plot);
        foreach (var line in c.LossSummary()) md.AppendLine(Markdown(line)).AppendLine();
        if (c.CurvePlot is { } curve) Plot(md, c, curve);
        foreach (var line in c.CurveSummary()) md.AppendLine(Markdown(line)).AppendLine();
    }

    private static void TaskSuccess(StringBuilder md, ReportContent c)
    {
        Heading(md, Sections.Tasks);
        if (c.TaskGroups.Count == 0)
        {
            md.AppendLine("No per-task results.").AppendLine();
            return;
        }
        if (c.TaskPlot is { } plot) Plot(md, c, plot);
        md.AppendLine("| suite | task | instruction | success | trials | failures |").AppendLine("|---|---|---|---:|---:|---|");
        foreach (var t in c.TaskGroups.SelectMany(g => g.Tasks))
            md.AppendLine($"| {Markdown(t.Suite, true)} | {Markdown(t.Task, true)} | {Markdown(t.Instruction, true)} | " +
                $"{ReportContent.Percent(t.SuccessRate)} | {t.Trials} | {Markdown(t.Failures, true)} |");
        md.AppendLine();
    }

    private static void Facts(StringBuilder md, ReportContent c)
    {
        Heading(md, Sections.Facts);
        if (c.Input.Facts.Count > 0)
        {
            md.AppendLine("| | |").AppendLine("|---|---|");
            foreach (var (label, value) in c.Input.Facts) md.AppendLine($"| {Markdown(label, true)} | {Markdown(value, true)} |");
            md.AppendLine();
        }
        md.AppendLine("Command:").AppendLine().AppendLine(MarkdownFence(c.Input.Command)).AppendLine();
    }

    private static void Rollouts(StringBuilder md, ReportContent c)
    {
        Heading(md, Sections.Rollouts);
        var r = c.Rollouts;
        Gifs(md, c, "Successes", r.Successes, r.SuccessTotal, "No successful rollout was recorded.");
        Gifs(md, c, "Failures", r.Failures, r.FailureTotal, "No failed rollout was recorded.");
        if (r.MissingFiles > 0) md.AppendLine($"{r.MissingFiles} listed GIF file(s) were not found.").AppendLine();
    }

    private static void Gifs(StringBuilder md, ReportContent c, string title, IReadOnlyList<string> gifs, int total, string none)
    {
        md.AppendLine($"### {title} ({gifs.Count} of {total})").AppendLine();
        if (gifs.Count == 0) md.AppendLine(none).AppendLine();
        foreach (var gif in gifs)
            md.AppendLine($"![{Markdown(Report.Rollouts.Caption(gif))}]({c.RelativeUrl(gif)})").AppendLine();
    }

    private static void Notes(StringBuilder md, ReportContent c)
    {
        if (c.Input.Notes.Count == 0) return;
        Heading(md, Sections.Notes);
        foreach (var note in c.Input.Notes) md.AppendLine(Markdown(note)).AppendLine();
    }

    private static void Plot(StringBuilder md, ReportContent c, ReportPlot plot) =>
        md.AppendLine(plot.Png is not null ? $"![{plot.Alt}]({c.RelativeUrl(plot.Path)})"
            : Markdown($"The plot could not be rendered: {plot.Error}")).AppendLine();
}
