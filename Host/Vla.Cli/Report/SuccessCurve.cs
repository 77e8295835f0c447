using System.Text.Json;
using Vla.Core.Training;

namespace Vla.Cli.Report;

/// <summary>Closed-loop success measured at one point of training (cumulative training minutes, not wall time).</summary>
internal sealed record SuccessPoint(int Step, double TrainMinutes, double SuccessRate, int Episodes);

/// <summary>
/// A run's success against training time, kept in &lt;run&gt;/success_curve.jsonl (one point per line, appended as
/// training reaches each evaluation point) so another run's report can draw it beside its own (e.g. from scratch).
/// </summary>
internal sealed record SuccessCurve(string Label, IReadOnlyList<SuccessPoint> Points)
{
    public const string FileName = "success_curve.jsonl";

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void Append(string runDir, SuccessPoint point) =>
        File.AppendAllText(Path.Combine(runDir, FileName), JsonSerializer.Serialize(point, Options) + "\n");

    /// <summary>Starts the file afresh (a new run); a resumed run keeps its earlier points.</summary>
    public static void Reset(string runDir)
    {
        if (File.Exists(Path.Combine(runDir, FileName))) File.Delete(Path.Combine(runDir, FileName));
    }

    /// <summary>The run's points, the latest per step (a resumed run may repeat one); empty when none were recorded.</summary>
    public static SuccessCurve Read(string runDir, string label)
    {
        var path = Path.Combine(runDir, FileName);
        if (!File.Exists(path)) return new(label, []);
        var points = File.ReadLines(path).Where(l => l.Trim().Length > 0)
            .Select(l => JsonSerializer.Deserialize<SuccessPoint>(l, Options)!)
            .GroupBy(p => p.Step).Select(g => g.Last()).OrderBy(p => p.Step).ToList();
        return new(label, points);
    }

    /// <summary>"fine-tuned from base" or "from scratch", from the run's base.json (a run of one policy per suite: from its
    /// first policy's, as all share the base).</summary>
    public static string LabelOf(string runDir)
    {
        var run = new RunFolder(runDir);
        var policies = run.PolicyFolders();
        if (policies.Count > 0) run = new RunFolder(Path.Combine(runDir, policies[0]));
        return BaseInitialisation.Read(run) is null ? "from scratch" : "fine-tuned from the base";
    }
}
