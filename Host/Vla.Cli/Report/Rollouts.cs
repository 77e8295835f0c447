namespace Vla.Cli.Report;

/// <summary>
/// The rollout GIFs the report shows: a few successes and a few failures (file names end in _success.gif or
/// _fail.gif), in the caller's order. Totals are kept so the report can say "4 of 37".
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
        return new Rollouts(successes.Take(PerKind).ToList(), successes.Count, failures.Take(PerKind).ToList(), failures.Count,
            gifs.Count - existing.Count);
    }

    public static string Caption(string gif) => Path.GetFileNameWithoutExtension(gif);
}
