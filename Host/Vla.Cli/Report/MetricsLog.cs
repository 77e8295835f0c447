using System.Globalization;
using System.Text.Json;

namespace Vla.Cli.Report;

/// <summary>
/// The loss series of a run's metrics.jsonl. Tolerant on purpose: the report is written after hours of work, so a
/// torn last line (training killed mid-write), a line of another shape or a NaN loss is counted and skipped, never fatal.
/// </summary>
internal sealed record MetricsLog(bool Found, IReadOnlyList<MetricsLog.Point> Loss, IReadOnlyList<MetricsLog.Point> Validation,
    int SkippedLines, int NonFiniteValues)
{
    /// <summary>Validation loss on the held-out decision frames alone (val_decision_loss; empty in logs from before it).</summary>
    public IReadOnlyList<Point> DecisionValidation { get; init; } = [];

    /// <summary>The decision frames' loss with other frames' instructions (val_decision_swapped_loss): the grounding
    /// probe. Empty in logs from before it, and for data with one instruction.</summary>
    public IReadOnlyList<Point> SwappedInstructionValidation { get; init; } = [];

    /// <summary>Largest resident memory logged (rss_mb), MB; null in logs from before it was logged.</summary>
    public double? PeakResidentMb { get; init; }

    /// <summary>Mean of the 1-minute load averages logged beside the steps (load1): above the core count, the run shared
    /// the machine. Null in logs from before it was logged.</summary>
    public double? MeanLoad { get; init; }

    internal readonly record struct Point(double Step, double Value);

    public const string FileName = "metrics.jsonl";

    public static readonly MetricsLog Missing = new(false, [], [], 0, 0);

    public bool IsEmpty => Loss.Count == 0 && Validation.Count == 0;

    public static MetricsLog Read(string runDir)
    {
        var path = Path.Combine(runDir, FileName);
        if (!File.Exists(path)) return Missing;
        // Training may still be appending: share the file rather than fail on a lock.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        List<Point> loss = [], validation = [], decision = [], swapped = [];
        List<double> loads = [];
        double? peakRss = null;
        int skipped = 0, nonFinite = 0, index = 0;
        while (reader.ReadLine() is { } line)
        {
            index++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (!TryParse(line, out var root)) { skipped++; continue; }
            var step = Number(root, "step") ?? index;
            Add(Number(root, "loss"), step, loss, ref nonFinite);
            Add(Number(root, "val_loss"), step, validation, ref nonFinite);
            Add(Number(root, "val_decision_loss"), step, decision, ref nonFinite);
            Add(Number(root, "val_decision_swapped_loss"), step, swapped, ref nonFinite);
            if (Number(root, "load1") is { } load && double.IsFinite(load)) loads.Add(load);
            if (Number(root, "rss_mb") is { } rss && double.IsFinite(rss)) peakRss = Math.Max(peakRss ?? 0, rss);
        }
        return new MetricsLog(true, loss, validation, skipped, nonFinite)
        {
            DecisionValidation = decision, SwappedInstructionValidation = swapped, PeakResidentMb = peakRss, MeanLoad = loads.Count > 0 ? loads.Average() : null,
        };
    }

    private static void Add(double? value, double step, List<Point> into, ref int nonFinite)
    {
        if (value is not { } v) return;
        if (double.IsFinite(v)) into.Add(new Point(step, v));
        else nonFinite++;
    }

    private static bool TryParse(string line, out JsonElement root)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
            return root.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            root = default;
            return false;
        }
    }

    // Numbers, or strings such as "NaN" / "Infinity" (the CLI's JSON allows named floating-point literals).
    private static double? Number(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var e)) return null;
        return e.ValueKind switch
        {
            JsonValueKind.Number => e.GetDouble(),
            JsonValueKind.String when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
            JsonValueKind.String => double.NaN,
            _ => null,
        };
    }
}
