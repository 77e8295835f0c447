namespace Vla.Cli.Report;

/// <summary>Closed-loop result of one task of a suite; SuccessRate is a fraction in [0, 1].</summary>
internal sealed record TaskScore(string Suite, string Task, string Instruction, double SuccessRate, int Trials);
