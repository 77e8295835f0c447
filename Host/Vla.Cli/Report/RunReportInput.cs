namespace Vla.Cli.Report;

/// <summary>
/// Everything the report shows. The caller computes the numbers; the report only reads metrics.jsonl from RunDir
/// (so the curves are the ones training actually logged) and the GIF files it embeds.
/// Facts and Notes may use `backticks` for code; they are rendered as code in both Markdown and HTML.
/// </summary>
internal sealed record RunReportInput(
    string RunDir,
    string Title,
    string Command,
    IReadOnlyList<SuiteScore> Suites,
    IReadOnlyList<TaskScore> Tasks,
    IReadOnlyList<(string Label, string Value)> Facts,
    IReadOnlyList<string> Gifs,
    IReadOnlyList<string> Notes)
{
    /// <summary>Success against training minutes: this run's and any compared runs' (drawn together).</summary>
    public IReadOnlyList<SuccessCurve> Curves { get; init; } = [];

    /// <summary>With one policy per suite: each policy's own report (its loss curves), relative to RunDir.</summary>
    public IReadOnlyList<string> PolicyReports { get; init; } = [];
}
