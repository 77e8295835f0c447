using Vla.Abstractions;
using Vla.Cli.Commands;
using Vla.Cli.Report;
using Vla.Core.Training;
using Vla.Sim;

namespace Vla.Cli.Sim;

/// <summary>
/// The run-level view of one policy per suite (the paper's LIBERO protocol): the success table over every suite, each
/// policy's training facts with a link to its own report, and one success curve whose minutes add up every policy's
/// training (the cost of the whole job), so `--compare` can set it beside a shared-policy run.
/// </summary>
internal static class PerSuitePolicies
{
    public static RunReportFiles WriteReport(string runDir, Recipe recipe, IReadOnlyList<PolicyRun> runs, SuiteDemos.Result demos,
        IReadOnlyList<SuccessCurve> compared, string commandLine)
    {
        var eval = SuiteEvaluation.Combine(runs.Select(p => p.Eval).ToList());
        SuccessCurve.Reset(runDir);
        foreach (var point in CombinedCurve(runs.Select(p => SuccessCurve.Read(p.Folder, p.Name)).ToList()))
            SuccessCurve.Append(runDir, point);
        // Each policy's own input gives its suites, tasks and GIFs; the run-level facts describe all policies.
        var parts = runs.Select(p => RunCommand.ReportInput(p.Folder, recipe, p.Train, demos, p.Eval, p.Export, p.Engine, commandLine)).ToList();
        var facts = new List<(string, string)>
        {
            parts[0].Facts[0],
            ("policies", $"{runs.Count}, one per suite, each fine-tuned on its suite's demonstrations alone and evaluated on that suite"),
            ("demonstrations", $"{demos.Episodes} episodes, {demos.Frames:N0} frames, expert success {demos.ExpertSuccessRate:P1}"),
        };
        foreach (var p in runs)
            facts.Add(($"policy `{p.Name}`", $"{p.Train.Steps} steps in {p.Train.Seconds:F0} s = {p.Train.StepsPerSecond:F2} steps/s; " +
                $"validation {p.Train.FirstValidationLoss:F4} -> {p.Train.FinalValidationLoss:F4}; success {p.Eval.SuccessRate:P1}; " +
                (p.Export is null ? "not exported" : $"`{Path.GetRelativePath(runDir, p.Export.Onnx.Policy)}` (max |ORT - TorchSharp| {p.Export.MaxAbsDiff:E1})") +
                $"; report `{Path.GetRelativePath(runDir, p.Report.Markdown)}`"));
        facts.Add(("evaluation", $"{eval.Episodes.Count()} episodes in {eval.Seconds:F0} s; failures: {EpisodeOutcomes.Summary(eval.Episodes)}{EpisodeOutcomes.TippedNote(eval.Episodes)}"));
        var notes = parts[0].Notes.Prepend(
            "One policy per suite, as the paper evaluates LIBERO: each suite's policy is fine-tuned from the same base on that suite's " +
            "demonstrations only (`--policies shared` trains one policy on every suite instead).").ToList();
        var input = new RunReportInput(runDir, $"Vla.NET run: {recipe.Name}, one policy per suite", commandLine,
            parts.SelectMany(p => p.Suites).ToList(), parts.SelectMany(p => p.Tasks).ToList(), facts,
            parts.SelectMany(p => p.Gifs).ToList(), notes)
        {
            Curves = compared.Prepend(SuccessCurve.Read(runDir, $"this run ({runs.Count} policies: mean success, minutes summed)")).ToList(),
            PolicyReports = runs.Select(p => Path.GetRelativePath(runDir, p.Report.Markdown)).ToList(),
        };
        return RunReport.Write(input);
    }

    /// <summary>
    /// Which policy evaluates which suites: a trained run evaluates them all; a folder of per-suite policies (what
    /// `vla run` writes) evaluates each suite with the policy in &lt;run&gt;/&lt;suite&gt;/.
    /// </summary>
    public static IReadOnlyList<(string Folder, IReadOnlyList<string> Suites)> Resolve(string runDir, IReadOnlyList<string> suites)
    {
        var policies = new RunFolder(runDir).PolicyFolders();
        if (policies.Count == 0) return [(runDir, suites)];
        var missing = suites.Where(s => !policies.Contains(s)).ToList();
        if (missing.Count > 0)
            throw new VlaException($"'{runDir}' holds policies for {string.Join(", ", policies)} but none for {string.Join(", ", missing)}",
                $"evaluate the suites it has (--suite {string.Join(",", policies)}), or train the others: vla run --suite {string.Join(",", missing)}");
        return suites.Select(s => (Path.Combine(runDir, s), (IReadOnlyList<string>)[s])).ToList();
    }

    /// <summary>The i-th point of every policy's curve as one point: mean success, summed training minutes and episodes.
    /// Only points every policy reached are kept (a policy's curve can be shorter when a run was interrupted).</summary>
    internal static IReadOnlyList<SuccessPoint> CombinedCurve(IReadOnlyList<SuccessCurve> curves)
    {
        var count = curves.Count == 0 ? 0 : curves.Min(c => c.Points.Count);
        return Enumerable.Range(0, count).Select(i => new SuccessPoint(
            curves.Max(c => c.Points[i].Step), curves.Sum(c => c.Points[i].TrainMinutes),
            curves.Average(c => c.Points[i].SuccessRate), curves.Sum(c => c.Points[i].Episodes))).ToList();
    }
}
