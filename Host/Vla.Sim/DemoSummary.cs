namespace Vla.Sim;

/// <summary>Result of a demo-generation run. ExpertSuccessRate = kept episodes / attempted episodes.</summary>
public sealed record DemoSummary(double ExpertSuccessRate, IReadOnlyList<string> Files, int Episodes, long Frames, double Seconds);
