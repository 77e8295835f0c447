using ScottPlot;
using SkiaSharp;

namespace Vla.Cli.Report;

/// <summary>Renders a plot to PNG bytes in memory, so the file can be written atomically like every report file.</summary>
internal static class Png
{
    // ScottPlot's default names may be absent on a slim Linux box, where Skia then falls back to a serif face:
    // take the first sans family that is actually installed.
    private static readonly Lazy<string> SansFont = new(() =>
    {
        var installed = SKFontManager.Default.GetFontFamilies().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Segoe UI" }
            .FirstOrDefault(installed.Contains) ?? Fonts.Sans;
    });

    public static byte[] Of(Plot plot, int width, int height)
    {
        plot.Font.Set(SansFont.Value);
        using var image = plot.GetImage(width, height);
        return image.GetImageBytes(ImageFormat.Png);
    }
}
