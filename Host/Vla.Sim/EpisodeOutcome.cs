namespace Vla.Sim;

/// <summary>
/// What an evaluation episode did, judged from the simulator's state against the goal the episode failed on (for a
/// long task, the first goal not met at the end). It separates the two ways a policy fails here: going for the wrong
/// thing (language grounding) and botching the right thing (motor skill).
/// </summary>
public enum EpisodeOutcome
{
    /// <summary>Every goal met.</summary>
    Success,

    /// <summary>The gripper first closed at, or lifted, another object than the one the instruction names.</summary>
    WrongObject,

    /// <summary>The gripper first closed at the named object, which never left the table.</summary>
    MissedGrasp,

    /// <summary>The gripper closed, but never within reach of an object, and nothing was lifted.</summary>
    ClosedInAir,

    /// <summary>The named object was lifted and rests on or in another fixture than the named one.</summary>
    WrongPlace,

    /// <summary>The named object was lifted but rests in no fixture at the end (dropped on the table, or still held).</summary>
    NotPlaced,

    /// <summary>The gripper never closed and nothing was lifted.</summary>
    NoGrasp,

    /// <summary>Stopped early: invalid policy output, a policy exception or diverged physics.</summary>
    Stopped,
}

/// <summary>Names of outcomes as reports and JSON print them.</summary>
public static class EpisodeOutcomes
{
    /// <summary>The failure kinds in report order.</summary>
    public static IReadOnlyList<EpisodeOutcome> Failures { get; } =
        [EpisodeOutcome.WrongObject, EpisodeOutcome.MissedGrasp, EpisodeOutcome.ClosedInAir, EpisodeOutcome.WrongPlace,
         EpisodeOutcome.NotPlaced, EpisodeOutcome.NoGrasp, EpisodeOutcome.Stopped];

    /// <summary>"wrong object", "missed grasp", ... (table headers and sentences).</summary>
    public static string Label(this EpisodeOutcome outcome) => outcome switch
    {
        EpisodeOutcome.Success => "success",
        EpisodeOutcome.WrongObject => "wrong object",
        EpisodeOutcome.MissedGrasp => "missed grasp",
        EpisodeOutcome.ClosedInAir => "closed in air",
        EpisodeOutcome.WrongPlace => "wrong place",
        EpisodeOutcome.NotPlaced => "not placed",
        EpisodeOutcome.NoGrasp => "no grasp",
        EpisodeOutcome.Stopped => "stopped",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>snake_case key for JSON ("wrong_object").</summary>
    public static string Key(this EpisodeOutcome outcome) => outcome.Label().Replace(' ', '_');

    /// <summary>Counts of each failure kind (every kind present, zeros included), in report order.</summary>
    public static IReadOnlyList<(EpisodeOutcome Outcome, int Count)> CountFailures(IEnumerable<EpisodeRecord> episodes)
    {
        var counts = episodes.GroupBy(e => e.Outcome).ToDictionary(g => g.Key, g => g.Count());
        return Failures.Select(o => (o, counts.GetValueOrDefault(o))).ToList();
    }

    /// <summary>{"wrong_object": 7, ...}: every failure kind by JSON key, zeros included, so scripts can index without checks.</summary>
    public static Dictionary<string, int> CountsByKey(IEnumerable<EpisodeRecord> episodes) =>
        CountFailures(episodes).ToDictionary(c => c.Outcome.Key(), c => c.Count);

    /// <summary>"; a cylinder tipped over in 40 of 54 failed episodes", or "" when no failed episode tipped one: tells
    /// clumsy failures from confused ones in a one-line summary.</summary>
    public static string TippedNote(IEnumerable<EpisodeRecord> episodes)
    {
        var failed = episodes.Where(e => !e.Success).ToList();
        int tipped = failed.Count(e => e.Tipped.Count > 0);
        return tipped == 0 ? "" : $"; a cylinder tipped over in {tipped} of {failed.Count} failed episodes";
    }

    /// <summary>"wrong object 7, missed grasp 2" (kinds with a zero count left out; "none" when nothing failed).</summary>
    public static string Summary(IEnumerable<EpisodeRecord> episodes)
    {
        var parts = CountFailures(episodes).Where(c => c.Count > 0).Select(c => $"{c.Outcome.Label()} {c.Count}").ToList();
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
