namespace Vla.Cli.Ablation;

/// <summary>One trained and evaluated ablation row: closed-loop success and inference speed measured in the same run.
/// <see cref="Steps"/> and <see cref="TrainSeconds"/> add up over the row's policies (one per suite, or one shared), the
/// validation loss is their mean; <see cref="Engine"/> names their engines ("ort", or "ort+torch" when one did not export).</summary>
internal sealed record AblationRow(int Row, string Id, string Label, double SuccessRate, IReadOnlyDictionary<string, double> PerSuite,
    int Episodes, double ActionsPerSecond, double ChunkP50Ms, string Engine, int Steps, double TrainSeconds, double? FinalValidationLoss,
    long Parameters, int DenoisingSteps = 0)
{
    public List<AblationPolicy>? Policies { get; init; }

    /// <summary>Policy <paramref name="index"/>'s run folder (a row file from before per-suite rows: the row's own folder).</summary>
    public string PolicyFolder(string rowFolder, int index) => Policies is { Count: > 0 } p ? p[index].Folder : rowFolder;

    public string EngineOf(int index) => Policies is { Count: > 0 } p ? p[index].Engine : Engine;
}

/// <summary>One of a row's policies: its run folder and the engine it was evaluated with.</summary>
internal sealed record AblationPolicy(string Folder, string Engine);

/// <summary>Success on a suite with the task's own instruction and with another task's (shuffled).</summary>
internal sealed record GroundingRow(string Id, string Suite, double Correct, double Shuffled, int EpisodesEach);

/// <summary>Everything `vla ablate` measured; the table and JSON are built from this alone (unit-tested on recorded values).</summary>
internal sealed record AblationResult(IReadOnlyList<AblationRow> Rows, IReadOnlyList<GroundingRow> Grounding, IReadOnlyList<string> Suites,
    int Steps, int EpisodesPerTask, int TrialsPerTask, string? BaseRun, string CommandLine, double WallSeconds)
{
    /// <summary>Policies per row: one per suite (the paper's protocol) or 1 (one shared by every suite).</summary>
    public int PolicyCount { get; init; } = 1;
}
