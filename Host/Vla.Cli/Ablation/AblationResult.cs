namespace Vla.Cli.Ablation;

/// <summary>One trained and evaluated ablation row: closed-loop success and inference speed measured in the same run.</summary>
internal sealed record AblationRow(int Row, string Id, string Label, double SuccessRate, IReadOnlyDictionary<string, double> PerSuite,
    int Episodes, double ActionsPerSecond, double ChunkP50Ms, string Engine, int Steps, double TrainSeconds, double? FinalValidationLoss,
    long Parameters, int DenoisingSteps = 0);

/// <summary>Success on a suite with the task's own instruction and with another task's (shuffled).</summary>
internal sealed record GroundingRow(string Id, string Suite, double Correct, double Shuffled, int EpisodesEach);

/// <summary>Everything `vla ablate` measured; the table and JSON are built from this alone (unit-tested on recorded values).</summary>
internal sealed record AblationResult(IReadOnlyList<AblationRow> Rows, IReadOnlyList<GroundingRow> Grounding, IReadOnlyList<string> Suites,
    int Steps, int EpisodesPerTask, int TrialsPerTask, string? BaseRun, string CommandLine, double WallSeconds);
