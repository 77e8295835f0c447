using System.CommandLine;

namespace Vla.Cli;

/// <summary>
/// `--policies per-suite|shared`: how many policies `vla run` fine-tunes. The paper's LIBERO numbers are the average of
/// four policies, one fine-tuned per suite (openvla-oft evaluates `openvla-7b-oft-finetuned-libero-spatial` on
/// `libero_spatial`, and so on), so per-suite is the default. `shared` trains one policy on every suite's
/// demonstrations, which here must also tell 26 tasks apart from the instruction alone.
/// </summary>
internal static class PoliciesOption
{
    public const string PerSuite = "per-suite", Shared = "shared";

    public static Option<string> Create()
    {
        var option = new Option<string>("--policies")
        {
            Description = "per-suite: one policy fine-tuned per suite, each in <out>/<suite>/ (the paper's LIBERO protocol); " +
                          "shared: one policy for every suite",
            DefaultValueFactory = _ => PerSuite,
        };
        option.AcceptOnlyFromAmong(PerSuite, Shared);
        return option;
    }

    /// <summary>
    /// The training steps of one policy: the run's budget split in proportion to the policies' episode horizons (each
    /// task's step limit, summed over its tasks), so the job's compute (and wall time) stays the same and a suite whose
    /// tasks take two pick-and-places (long: 440 steps against 220) gets twice the steps per task. Its demonstrations are
    /// about twice as long too (138 frames per episode against 62-67), and long is the suite that gains from more steps
    /// (docs/results/2026-11-28-s18-long), while spatial, object and goal reach their plateau early.
    /// </summary>
    public static int StepsOf(IReadOnlyList<string> group, IReadOnlyList<IReadOnlyList<string>> groups, int totalSteps,
        Func<string, int> horizonOf)
    {
        if (groups.Count == 1) return totalSteps;
        var all = groups.Sum(g => g.Sum(horizonOf));
        return Math.Max(1, (int)Math.Round((double)totalSteps * group.Sum(horizonOf) / all));
    }

    /// <summary>One policy of a run: its suites, its run folder and its share of the run's steps.</summary>
    public sealed record Policy(IReadOnlyList<string> Suites, string Folder, int Steps);

    /// <summary>
    /// The policies of a run in <paramref name="runDir"/>: one policy on every suite trains in runDir itself, one per suite
    /// in runDir/&lt;suite&gt;/, each with its <see cref="StepsOf"/> share of <paramref name="totalSteps"/>.
    /// </summary>
    public static IReadOnlyList<Policy> Plan(IReadOnlyList<IReadOnlyList<string>> groups, string runDir, int totalSteps) =>
        groups.Select(g => new Policy(g, groups.Count == 1 ? runDir : Path.Combine(runDir, g[0]),
            StepsOf(g, groups, totalSteps, s => Vla.Sim.SimCatalog.Tasks(s).Sum(t => t.MaxSteps)))).ToList();

    /// <summary>The suites each policy trains and is evaluated on: one group per suite, or all in one.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Groups(string? value, IReadOnlyList<string> suites) =>
        value == Shared || suites.Count == 1 ? [suites] : suites.Select(s => (IReadOnlyList<string>)[s]).ToList();
}
