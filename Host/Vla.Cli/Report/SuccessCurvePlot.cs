using ScottPlot;

namespace Vla.Cli.Report;

/// <summary>One PNG: closed-loop success (%) against training minutes, a line with markers per run (e.g. from the base
/// and from scratch), so how fast each reaches a given success can be read off directly.</summary>
internal static class SuccessCurvePlot
{
    public const int Width = 900, Height = 420;

    public static byte[] Render(IReadOnlyList<SuccessCurve> curves)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < curves.Count; i++)
        {
            var c = curves[i];
            var line = plot.Add.Scatter(c.Points.Select(p => p.TrainMinutes).ToArray(), c.Points.Select(p => 100 * p.SuccessRate).ToArray());
            line.Color = palette.GetColor(i);
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.LegendText = c.Label;
        }
        plot.Axes.SetLimitsY(-3, 103);
        plot.Axes.SetLimitsX(0, Math.Max(1, curves.SelectMany(c => c.Points).Select(p => p.TrainMinutes).DefaultIfEmpty(1).Max() * 1.05));
        plot.Title("Closed-loop success against training time");
        plot.XLabel("training minutes");
        plot.YLabel("success (%)");
        plot.ShowLegend(Alignment.UpperLeft);
        return Png.Of(plot, Width, Height);
    }
}
