namespace Vla.Cli.Report;

/// <summary>
/// Closed-loop result of one task of a suite; SuccessRate is a fraction in [0, 1]; Failures says how the other trials
/// failed ("wrong object 7, missed grasp 2"), empty when not known.
/// </summary>
internal sealed record TaskScore(string Suite, string Task, string Instruction, double SuccessRate, int Trials)
{
    public string Failures { get; init; } = "";
}
