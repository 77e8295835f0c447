using System.Text;
using static System.Net.WebUtility;
using static Vla.Cli.Report.InlineText;

namespace Vla.Cli.Report;

/// <summary>
/// report.html: one self-contained page (inline CSS, PNGs and GIFs as data: URIs, no script) that can be mailed or
/// archived alone. The content security policy forbids any external load, so a mistake here shows as a missing image
/// rather than a silent network request.
/// </summary>
internal static class HtmlReport
{
    public static string Render(ReportContent content)
    {
        var html = new StringBuilder();
        var title = HtmlEncode(content.Input.Title);
        html.AppendLine($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
            <title>{title}</title>
            <style>{HtmlStyle.Css}</style>
            </head>
            <body><main>
            <h1>{title}</h1>
            """);
        html.Append("<nav>")
            .AppendJoin(" · ", Sections.All.Where(s => s != Sections.Notes || content.Input.Notes.Count > 0)
                .Select(s => $"<a href=\"#{s.Id}\">{HtmlEncode(s.Title)}</a>"))
            .AppendLine("</nav>");
        SuccessTable(html, content);
        LossCurves(html, content);
        TaskSuccess(html, content);
        Facts(html, content);
        Rollouts(html, content);
        Notes(html, content);
        return html.AppendLine("</main></body>").AppendLine("</html>").ToString();
    }

    private static void Open(StringBuilder html, (string Id, string Title) section) =>
        html.AppendLine($"<section id=\"{section.Id}\"><h2>{HtmlEncode(section.Title)}</h2>");

    private static void Close(StringBuilder html) => html.AppendLine("</section>");

    private static void Paragraph(StringBuilder html, string text, string? cssClass = null) =>
        html.AppendLine(cssClass is null ? $"<p>{Html(text)}</p>" : $"<p class=\"{cssClass}\">{Html(text)}</p>");

    private static void SuccessTable(StringBuilder html, ReportContent c)
    {
        Open(html, Sections.Success);
        if (c.AverageSuccess is { } average)
        {
            html.AppendLine("<table><thead><tr><th>suite</th><th class=\"num\">success</th><th class=\"num\">successes/trials</th></tr></thead><tbody>");
            foreach (var s in c.Input.Suites)
                html.AppendLine($"<tr><td>{Html(s.Suite)}</td><td class=\"num\">{ReportContent.Percent(s.SuccessRate)}</td>" +
                    $"<td class=\"num\">{s.Successes}/{s.Trials}</td></tr>");
            html.AppendLine($"<tr class=\"average\"><td>average</td><td class=\"num\">{ReportContent.Percent(average)}</td>" +
                $"<td class=\"num\">{c.TotalSuccesses}/{c.TotalTrials}</td></tr></tbody></table>");
            Paragraph(html, "The average is the mean over suites (each suite weighs the same).", "muted");
        }
        else Paragraph(html, "No evaluation results.", "empty");
        Close(html);
    }

    private static void LossCurves(StringBuilder html, ReportContent c)
    {
        Open(html, Sections.Loss);
        if (c.LossPlot is { } plot) Plot(html, plot);
        foreach (var line in c.LossSummary()) Paragraph(html, line, c.Metrics.IsEmpty ? "empty" : null);
        if (c.CurvePlot is { } curve) Plot(html, curve);
        foreach (var line in c.CurveSummary()) Paragraph(html, line, null);
        Close(html);
    }

    private static void TaskSuccess(StringBuilder html, ReportContent c)
    {
        Open(html, Sections.Tasks);
        if (c.TaskGroups.Count == 0) Paragraph(html, "No per-task results.", "empty");
        else
        {
            if (c.TaskPlot is { } plot) Plot(html, plot);
            var tasks = c.TaskGroups.Sum(g => g.Tasks.Count);
            html.AppendLine($"<details><summary>table of {tasks} task(s)</summary>");
            html.AppendLine("<table><thead><tr><th>suite</th><th>task</th><th>instruction</th><th class=\"num\">success</th><th class=\"num\">trials</th><th>failures</th></tr></thead><tbody>");
            foreach (var t in c.TaskGroups.SelectMany(g => g.Tasks))
                html.AppendLine($"<tr><td>{Html(t.Suite)}</td><td>{Html(t.Task)}</td><td>{Html(t.Instruction)}</td>" +
                    $"<td class=\"num\">{ReportContent.Percent(t.SuccessRate)}</td><td class=\"num\">{t.Trials}</td><td>{Html(t.Failures)}</td></tr>");
            html.AppendLine("</tbody></table></details>");
        }
        Close(html);
    }

    private static void Facts(StringBuilder html, ReportContent c)
    {
        Open(html, Sections.Facts);
        if (c.Input.Facts.Count > 0)
        {
            html.AppendLine("<table class=\"facts\"><tbody>");
            foreach (var (label, value) in c.Input.Facts) html.AppendLine($"<tr><th>{Html(label)}</th><td>{Html(value)}</td></tr>");
            html.AppendLine("</tbody></table>");
        }
        html.AppendLine($"<p>Command:</p><pre><code>{HtmlEncode(c.Input.Command)}</code></pre>");
        Close(html);
    }

    private static void Rollouts(StringBuilder html, ReportContent c)
    {
        Open(html, Sections.Rollouts);
        var r = c.Rollouts;
        Gifs(html, "Successes", "success", r.Successes, r.SuccessTotal, "No successful rollout was recorded.");
        Gifs(html, "Failures", "fail", r.Failures, r.FailureTotal, "No failed rollout was recorded.");
        if (r.MissingFiles > 0) Paragraph(html, $"{r.MissingFiles} listed GIF file(s) were not found.", "muted");
        Close(html);
    }

    private static void Gifs(StringBuilder html, string title, string kind, IReadOnlyList<string> gifs, int total, string none)
    {
        html.AppendLine($"<h3>{title} ({gifs.Count} of {total})</h3>");
        if (gifs.Count == 0)
        {
            Paragraph(html, none, "empty");
            return;
        }
        html.AppendLine("<div class=\"gifs\">");
        foreach (var gif in gifs)
        {
            var caption = HtmlEncode(Report.Rollouts.Caption(gif));
            html.AppendLine($"<figure class=\"{kind}\"><img src=\"{DataUri("image/gif", File.ReadAllBytes(gif))}\" alt=\"{caption}\">" +
                $"<figcaption>{caption}</figcaption></figure>");
        }
        html.AppendLine("</div>");
    }

    private static void Notes(StringBuilder html, ReportContent c)
    {
        if (c.Input.Notes.Count == 0) return;
        Open(html, Sections.Notes);
        foreach (var note in c.Input.Notes) Paragraph(html, note);
        Close(html);
    }

    private static void Plot(StringBuilder html, ReportPlot plot)
    {
        if (plot.Png is null) Paragraph(html, $"The plot could not be rendered: {plot.Error}", "empty");
        else html.AppendLine($"<figure class=\"plot\"><img src=\"{DataUri("image/png", plot.Png)}\" alt=\"{HtmlEncode(plot.Alt)}\"></figure>");
    }

    private static string DataUri(string mime, byte[] bytes) => $"data:{mime};base64,{Convert.ToBase64String(bytes)}";
}
