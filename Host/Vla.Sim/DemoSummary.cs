namespace Vla.Sim;

/// <summary>Result of a demo-generation run: files written, episodes kept out of expert attempts, frames, wall time.</summary>
public sealed record DemoSummary(IReadOnlyList<string> Files, int Episodes, int Attempts, long Frames, double Seconds)
{
    /// <summary>Kept episodes / attempted episodes (only successful expert rollouts are kept).</summary>
    public double ExpertSuccessRate => (double)Episodes / Attempts;
}
