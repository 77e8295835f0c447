using Vla.Core.Training;

namespace Vla.Cli.Report;

/// <summary>
/// Writes a run's report into its folder: plots/*.png, report.md and the self-contained report.html. Every file goes
/// through a temporary file and one rename, plots first and the HTML last, so a crash leaves the previous report or
/// the new one, never half of either.
/// </summary>
internal static class RunReport
{
    public const string MarkdownFile = "report.md", HtmlFile = "report.html";

    public static RunReportFiles Write(RunReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var runDir = Path.GetFullPath(input.RunDir);
        Directory.CreateDirectory(runDir);
        var content = ReportContent.Build(input with { RunDir = runDir });

        List<string> plots = [];
        foreach (var plot in content.Plots.Where(p => p.Png is not null))
        {
            AtomicFile.Write(plot.Path, tmp => File.WriteAllBytes(tmp, plot.Png!));
            plots.Add(plot.Path);
        }
        RemoveStalePlots(runDir, plots);

        var markdown = Path.Combine(runDir, MarkdownFile);
        var html = Path.Combine(runDir, HtmlFile);
        AtomicFile.WriteAllText(markdown, MarkdownReport.Render(content));
        AtomicFile.WriteAllText(html, HtmlReport.Render(content));
        return new RunReportFiles(markdown, html, plots);
    }

    // A rerun with no tasks (or no metrics) must not leave last run's chart beside a report that no longer shows it.
    private static void RemoveStalePlots(string runDir, IReadOnlyList<string> written)
    {
        foreach (var name in new[] { ReportContent.LossPlotFile, ReportContent.TaskPlotFile, ReportContent.CurvePlotFile })
        {
            var path = Path.Combine(runDir, ReportContent.PlotsFolder, name);
            if (!written.Contains(path) && File.Exists(path)) File.Delete(path);
        }
    }
}
