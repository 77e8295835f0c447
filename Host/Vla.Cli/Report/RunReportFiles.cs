namespace Vla.Cli.Report;

/// <summary>Absolute paths of what <see cref="RunReport.Write"/> wrote; Plots lists only the PNGs of this report.</summary>
internal sealed record RunReportFiles(string Markdown, string Html, IReadOnlyList<string> Plots);
