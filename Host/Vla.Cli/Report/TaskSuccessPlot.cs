using System.Globalization;
using ScottPlot;

namespace Vla.Cli.Report;

/// <summary>
/// One horizontal bar chart of per-task success: tasks read top to bottom in suite order, one colour per suite and
/// a small gap between suites, the rate printed at each bar's end. Horizontal so long task names stay readable.
/// </summary>
internal static class TaskSuccessPlot
{
    public const int Width = 900;
    private const int RowPixels = 24, LabelChars = 48;
    private const double SuiteGap = 0.6;

    public static int HeightFor(IReadOnlyList<TaskGroup> groups) =>
        Math.Max(220, 110 + (int)(RowPixels * (groups.Sum(g => g.Tasks.Count) + SuiteGap * (groups.Count - 1))));

    public static byte[] Render(IReadOnlyList<TaskGroup> groups)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        List<Bar> bars = [];
        List<double> positions = [];
        List<string> labels = [];
        var row = 0.0;
        for (var g = 0; g < groups.Count; g++)
        {
            var color = palette.GetColor(g);
            foreach (var task in groups[g].Tasks)
            {
                // Negative positions put the first task on top, as the tables list it.
                bars.Add(new Bar { Position = -row, Value = 100 * task.SuccessRate, FillColor = color, LineWidth = 0,
                    Label = (100 * task.SuccessRate).ToString("0", CultureInfo.InvariantCulture) + "%" });
                positions.Add(-row);
                labels.Add(Shorten(task.Task));
                row += 1;
            }
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = groups[g].Suite, FillColor = color });
            row += SuiteGap;
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.SetTicks(positions.ToArray(), labels.ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsX(0, 112); // room for the "100%" label, but no tick past 100
        var percents = Enumerable.Range(0, 11).Select(i => 10.0 * i).ToArray();
        plot.Axes.Bottom.SetTicks(percents, percents.Select(p => p.ToString("0", CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimitsY(-(row - SuiteGap) + 0.4, 0.6);
        plot.Title("Success per task");
        plot.XLabel("success (%)");
        plot.ShowLegend(Edge.Right);
        return Png.Of(plot, Width, HeightFor(groups));
    }

    private static string Shorten(string name) => name.Length <= LabelChars ? name : name[..(LabelChars - 1)] + "…";
}
