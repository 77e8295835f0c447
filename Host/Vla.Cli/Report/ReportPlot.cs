namespace Vla.Cli.Report;

/// <summary>
/// A plot of the report: its PNG bytes, or why it could not be rendered. A plotting failure (e.g. a missing native
/// SkiaSharp library) must not cost the user the rest of the report after hours of training and evaluation.
/// </summary>
internal sealed record ReportPlot(string Path, string Alt, byte[]? Png, string? Error)
{
    public static ReportPlot Render(string path, string alt, Func<byte[]> render)
    {
        try
        {
            return new ReportPlot(path, alt, render(), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new ReportPlot(path, alt, null, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
