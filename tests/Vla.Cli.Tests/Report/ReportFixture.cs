using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Vla.Cli.Report;

namespace Vla.Cli.Tests.Report;

/// <summary>A throwaway run folder with a synthetic metrics.jsonl and tiny rollout GIFs.</summary>
internal sealed class ReportFixture : IDisposable
{
    public string RunDir { get; } = Directory.CreateTempSubdirectory("vla-report-").FullName;

    public static readonly SuiteScore[] Suites =
    [
        new("spatial", 0.5, 5, 10),
        new("object", 0.8, 16, 20),
        new("goal", 0.2, 2, 10),
    ];

    public static readonly TaskScore[] Tasks =
    [
        new("spatial", "pick_red_cube_left", "pick up the red cube and place it on the left square", 0.6, 5),
        new("spatial", "pick_blue_cube_right", "pick up the blue cube and place it on the right square", 0.4, 5),
        new("object", "pick_bowl", "put the bowl on the plate", 1.0, 10),
        new("object", "pick_ketchup", "put the ketchup in the basket", 0.6, 10),
        new("goal", "open_drawer", "open the top drawer", 0.0, 5) { Failures = "wrong object 3, missed grasp 2" },
        new("goal", "stack_cubes", "stack the green cube on the red cube", 0.4, 5),
    ];

    /// <summary>Loss falling over two decades (log axis), validation every 50 steps.</summary>
    public void WriteMetrics(int steps = 400, bool validation = true)
    {
        var random = new Random(1);
        using var writer = new StreamWriter(Path.Combine(RunDir, "metrics.jsonl"));
        for (var step = 1; step <= steps; step++)
        {
            var loss = 2.0 * Math.Exp(-step / 80.0) + 0.01 + 0.02 * random.NextDouble();
            var validates = validation && (step == 1 || step % 50 == 0);
            var val = validates ? (loss * 1.1).ToString(CultureInfo.InvariantCulture) : "null";
            var decision = validates ? (loss * 1.6).ToString(CultureInfo.InvariantCulture) : "null";
            var swapped = validates ? (loss * 2.4).ToString(CultureInfo.InvariantCulture) : "null";
            writer.WriteLine($$"""{"step":{{step}},"loss":{{loss.ToString(CultureInfo.InvariantCulture)}},"val_loss":{{val}},"val_decision_loss":{{decision}},"val_decision_swapped_loss":{{swapped}},"lr":0.0001,"steps_per_s":1.5,"wall_s":{{step / 1.5:F2}}}""");
        }
    }

    /// <summary>Writes a 3-frame 24x24 GIF at eval/gifs/name and returns its absolute path.</summary>
    public string WriteGif(string name)
    {
        var path = Path.Combine(RunDir, "eval", "gifs", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var gif = new Image<Rgba32>(24, 24, new Rgba32(200, 30, 30));
        foreach (var color in new[] { new Rgba32(30, 200, 30), new Rgba32(30, 30, 200) })
        {
            using var frame = new Image<Rgba32>(24, 24, color);
            gif.Frames.AddFrame(frame.Frames.RootFrame);
        }
        gif.SaveAsGif(path);
        return path;
    }

    public RunReportInput Input(IReadOnlyList<string>? gifs = null, IReadOnlyList<SuiteScore>? suites = null,
        IReadOnlyList<TaskScore>? tasks = null, string title = "Vla.NET run: oft", IReadOnlyList<string>? notes = null) =>
        new(RunDir, title, "vla run --quick --out runs/test", suites ?? Suites, tasks ?? Tasks,
            [("recipe", "oft: decoder `parallel`, head `l1-regression`, K=8"), ("parameters", "1,832,455"), ("training", "400 steps at 1.50 steps/s")],
            gifs ?? [], notes ?? ["Trained from scratch: no base checkpoint shipped yet."]);

    public void Dispose()
    {
        try { Directory.Delete(RunDir, recursive: true); } catch (IOException) { }
    }
}
