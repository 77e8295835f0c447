using System.Globalization;

namespace Vla.Cli.Report;

/// <summary>
/// What both report files show, computed once (numbers, rendered plots, chosen GIFs, and the sentences that stand in
/// for an empty section), so report.md and report.html can only differ in markup.
/// </summary>
internal sealed record ReportContent(
    RunReportInput Input,
    double? AverageSuccess,
    IReadOnlyList<TaskGroup> TaskGroups,
    MetricsLog Metrics,
    ReportPlot? LossPlot,
    ReportPlot? TaskPlot,
    Rollouts Rollouts)
{
    public const string PlotsFolder = "plots", LossPlotFile = "loss.png", TaskPlotFile = "task_success.png",
        CurvePlotFile = "success_curve.png";

    /// <summary>Success against training minutes; null unless some run has at least one point.</summary>
    public ReportPlot? CurvePlot { get; init; }

    public static ReportContent Build(RunReportInput input)
    {
        var plots = Path.Combine(input.RunDir, PlotsFolder);
        // The paper's average: each suite weighs the same, however many trials it ran.
        double? average = input.Suites.Count > 0 ? input.Suites.Average(s => s.SuccessRate) : null;
        var groups = TaskGroup.Of(input.Suites, input.Tasks);
        var metrics = MetricsLog.Read(input.RunDir);
        var lossPlot = metrics.IsEmpty ? null
            : ReportPlot.Render(Path.Combine(plots, LossPlotFile), "training and validation loss", () => LossCurvePlot.Render(metrics));
        var taskPlot = groups.Count == 0 ? null
            : ReportPlot.Render(Path.Combine(plots, TaskPlotFile), "success per task", () => TaskSuccessPlot.Render(groups));
        var curves = input.Curves.Where(c => c.Points.Count > 0).ToList();
        var curvePlot = curves.Count == 0 ? null
            : ReportPlot.Render(Path.Combine(plots, CurvePlotFile), "success against training minutes", () => SuccessCurvePlot.Render(curves));
        return new ReportContent(input, average, groups, metrics, lossPlot, taskPlot, Rollouts.Select(input.Gifs)) { CurvePlot = curvePlot };
    }

    public IEnumerable<ReportPlot> Plots => new[] { LossPlot, CurvePlot, TaskPlot }.OfType<ReportPlot>();

    /// <summary>One sentence per curve: its points as "success at minutes (step)".</summary>
    public IReadOnlyList<string> CurveSummary() => Input.Curves.Where(c => c.Points.Count > 0).Select(c =>
        $"{c.Label}: " + string.Join(", ", c.Points.Select(p =>
            $"{Percent(p.SuccessRate)} after {p.TrainMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min (step {p.Step}, {p.Episodes} episodes)")) + ".").ToList();

    public int TotalSuccesses => Input.Suites.Sum(s => s.Successes);

    public int TotalTrials => Input.Suites.Sum(s => s.Trials);

    /// <summary>A path inside the run folder as a relative URL (forward slashes, each segment escaped) for Markdown links.</summary>
    public string RelativeUrl(string path) =>
        string.Join('/', Path.GetRelativePath(Input.RunDir, path).Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));

    /// <summary>Sentences under the loss plot, or the one that replaces it.</summary>
    public IReadOnlyList<string> LossSummary()
    {
        if (!Metrics.Found && Input.PolicyReports.Count > 0)
            return [$"One policy per suite: each policy's loss and validation curves are in its own report: " +
                    string.Join(", ", Input.PolicyReports.Select(r => $"`{r}`")) + "."];
        if (!Metrics.Found) return [$"No training metrics: `{MetricsLog.FileName}` was not found in the run folder."];
        if (Metrics.IsEmpty) return [$"No training metrics: `{MetricsLog.FileName}` holds no loss values."];
        List<string> lines = [];
        if (Metrics.Loss.Count > 0)
        {
            var raw = Metrics.Loss.Select(p => p.Value).ToList();
            var tail = Math.Min(raw.Count, 2 * Smoothing.HalfWidth(raw.Count) + 1);
            var end = tail > 1 ? $"mean of the last {tail} points {Number(raw.TakeLast(tail).Average())}" : $"last {Number(raw[^1])}";
            lines.Add($"Training loss: {Metrics.Loss.Count} points up to step {Step(Metrics.Loss[^1].Step)}; " +
                $"first {Number(raw[0])}, {end}.");
        }
        else lines.Add("No training loss values were logged.");
        if (Metrics.Validation.Count > 0)
        {
            var best = Metrics.Validation.MinBy(p => p.Value);
            lines.Add($"Validation loss: {Metrics.Validation.Count} points; first {Number(Metrics.Validation[0].Value)}, " +
                $"last {Number(Metrics.Validation[^1].Value)}, best {Number(best.Value)} at step {Step(best.Step)}.");
        }
        else lines.Add("No validation points were logged.");
        if (Metrics.DecisionValidation.Count > 0)
        {
            var d = Metrics.DecisionValidation;
            lines.Add($"Validation loss on decision frames (each episode's start and its gripper changes, where the instruction " +
                $"decides): first {Number(d[0].Value)}, last {Number(d[^1].Value)}, best {Number(d.Min(p => p.Value))}.");
        }
        if (Metrics.SwappedInstructionValidation.Count > 0 && Metrics.DecisionValidation.Count > 0)
        {
            double swapped = Metrics.SwappedInstructionValidation[^1].Value, right = Metrics.DecisionValidation[^1].Value;
            lines.Add($"Grounding probe: the same decision frames with another task's instruction give {Number(swapped)}, " +
                $"{(swapped / right).ToString("0.00", CultureInfo.InvariantCulture)}x the loss with the right one " +
                "(1x would mean it ignores the instruction where it decides).");
        }
        if (Metrics.SkippedLines + Metrics.NonFiniteValues > 0)
            lines.Add($"Skipped {Metrics.SkippedLines} unreadable line(s) and {Metrics.NonFiniteValues} non-finite value(s).");
        return lines;
    }

    public static string Percent(double fraction) => (100 * fraction).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Step(double step) => step.ToString(step == Math.Floor(step) ? "0" : "G6", CultureInfo.InvariantCulture);
}
