namespace Vla.Cli.Report;

/// <summary>Closed-loop result of one suite; SuccessRate is a fraction in [0, 1].</summary>
internal sealed record SuiteScore(string Suite, double SuccessRate, int Successes, int Trials);
