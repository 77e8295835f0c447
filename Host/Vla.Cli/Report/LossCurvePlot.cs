using System.Globalization;
using ScottPlot;

namespace Vla.Cli.Report;

/// <summary>
/// One PNG: raw training loss (faint), its centred moving average (bold) and the validation points. The y axis turns
/// logarithmic when the losses span more than a decade, otherwise the late, interesting part is a flat line.
/// </summary>
internal static class LossCurvePlot
{
    public const int Width = 900, Height = 450;

    public static byte[] Render(MetricsLog metrics)
    {
        var all = metrics.Loss.Concat(metrics.Validation).Concat(metrics.DecisionValidation).Concat(metrics.SwappedInstructionValidation).Select(p => p.Value).ToList();
        var log = UsesLogScale(all);
        double Y(double v) => log ? Math.Log10(v) : v;

        var plot = new Plot();
        if (metrics.Loss.Count > 0)
        {
            var xs = metrics.Loss.Select(p => p.Step).ToArray();
            var raw = metrics.Loss.Select(p => p.Value).ToArray();
            var half = Smoothing.HalfWidth(raw.Length);
            var line = plot.Add.ScatterLine(xs, raw.Select(Y).ToArray());
            line.Color = half > 0 ? Colors.C0.WithAlpha(0.3) : Colors.C0;
            line.LineWidth = half > 0 ? 1 : 2;
            line.LegendText = half > 0 ? "training loss (raw)" : "training loss";
            if (half > 0)
            {
                var smooth = plot.Add.ScatterLine(xs, Smoothing.Centred(raw, half).Select(Y).ToArray());
                smooth.Color = Colors.C0;
                smooth.LineWidth = 2.5f;
                smooth.LegendText = $"training loss (centred mean of {2 * half + 1} points)";
            }
        }
        void Points(IReadOnlyList<MetricsLog.Point> series, Color color, MarkerShape shape, string legend)
        {
            if (series.Count == 0) return;
            var points = plot.Add.ScatterPoints(series.Select(p => p.Step).ToArray(), series.Select(p => Y(p.Value)).ToArray());
            points.Color = color;
            points.MarkerSize = 8;
            points.MarkerShape = shape;
            points.LegendText = legend;
        }
        Points(metrics.Validation, Colors.C1, MarkerShape.FilledCircle, "validation loss");
        Points(metrics.DecisionValidation, Colors.C2, MarkerShape.FilledDiamond, "validation loss, decision frames (episode start, gripper changes)");
        Points(metrics.SwappedInstructionValidation, Colors.C3, MarkerShape.OpenDiamond,
            "decision frames with another task's instruction (near the above: instruction ignored)");
        if (log) UseLogTicks(plot, all);
        plot.Title("Training and validation loss");
        plot.XLabel("step");
        plot.YLabel(log ? "loss (log scale)" : "loss");
        plot.ShowLegend(Alignment.UpperRight);
        return Png.Of(plot, Width, Height);
    }

    public static bool UsesLogScale(IReadOnlyCollection<double> values) =>
        values.Count > 1 && values.All(v => v > 0) && values.Max() / values.Min() > 10;

    // ScottPlot 5 plots log10 of the data; ticks go at 1-2-5 x 10^k (labelled in loss units) with unlabelled minor
    // ticks at the other integers, so even a range of just over one decade gets several readable labels (only 10^k past four decades).
    private static void UseLogTicks(Plot plot, IReadOnlyCollection<double> values)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var (low, high) = (Math.Floor(Math.Log10(values.Min())), Math.Ceiling(Math.Log10(values.Max())));
        for (var decade = low; decade <= high; decade++)
            for (var m = 1; m <= 9; m++)
            {
                var y = decade + Math.Log10(m);
                if (m == 1 || (high - low <= 4 && m is 2 or 5)) ticks.AddMajor(y, (m * Math.Pow(10, decade)).ToString("G3", CultureInfo.InvariantCulture));
                else ticks.AddMinor(y);
            }
        plot.Axes.Left.TickGenerator = ticks;
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.15);
        plot.Grid.MinorLineColor = Colors.Black.WithAlpha(0.05);
        plot.Grid.MinorLineWidth = 1;
    }
}
