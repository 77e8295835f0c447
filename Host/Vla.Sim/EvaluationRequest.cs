namespace Vla.Sim;

/// <summary>
/// Closed-loop evaluation settings. Trial seeds derive from Seed (and differ from demo seeds).
/// Workers > 1 runs trials in parallel (own env + GL context each). OutputDir, when set, receives a Markdown
/// success table and GifsPerTask animated rollouts per task (both cameras side by side).
/// For the generated `pretrain` family, TasksCount, TasksSeed and TargetsPerScene draw the same tasks a base was
/// pretrained on (its provenance.json); the four suites ignore them.
/// </summary>
public sealed record EvaluationRequest(
    string Suite, int TrialsPerTask, int Seed = 0, int ImageSize = 128, int Workers = 1,
    string? OutputDir = null, int GifsPerTask = 1, IReadOnlyList<string>? Tasks = null,
    int TasksCount = 0, int TasksSeed = 0, int TargetsPerScene = 1);
