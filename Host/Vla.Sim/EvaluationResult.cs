namespace Vla.Sim;

/// <summary>Overall and per-task success rates, per-episode records and files written (table, GIFs).</summary>
public sealed record EvaluationResult(
    string Suite, double SuccessRate, IReadOnlyDictionary<string, double> PerTask,
    IReadOnlyList<EpisodeRecord> Episodes, IReadOnlyList<string> Files, double Seconds);
