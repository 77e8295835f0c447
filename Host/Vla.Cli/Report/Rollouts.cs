namespace Vla.Cli.Report;

/// <summary>
/// The rollout GIFs the report shows: a few successes and a few failures (file names end in _success.gif or
/// _fail.gif), spread evenly over the caller's order (suite by suite, task by task), so a run over four suites shows
/// more than the first suite's first tasks. Totals are kept so the report can say "4 of 37".
/// </summary>
internal sealed record Rollouts(IReadOnlyList<string> Successes, int SuccessTotal, IReadOnlyList<string> Failures,
    int FailureTotal, int MissingFiles)
{
    public const int PerKind = 4;

    public static Rollouts Select(IReadOnlyList<string> gifs)
    {
        var existing = gifs.Where(File.Exists).ToList();
        var successes = existing.Where(g => Path.GetFileName(g).EndsWith("_success.gif", StringComparison.OrdinalIgnoreCase)).ToList();
        var failures = existing.Where(g => Path.GetFileName(g).EndsWith("_fail.gif", StringComparison.OrdinalIgnoreCase)).ToList();
        return new Rollouts(Spread(successes), successes.Count, Spread(failures), failures.Count, gifs.Count - existing.Count);
    }

    /// <summary>At most <see cref="PerKind"/> items at evenly spaced positions, the first one included.</summary>
    internal static IReadOnlyList<string> Spread(IReadOnlyList<string> items) =>
        items.Count <= PerKind ? items : Enumerable.Range(0, PerKind).Select(i => items[i * items.Count / PerKind]).ToList();

    public static string Caption(string gif) => Path.GetFileNameWithoutExtension(gif);
}
