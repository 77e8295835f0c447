namespace Vla.Core.Training;

/// <summary>What a training run measured; printed by `vla train --json`.</summary>
public sealed record TrainResult(
    string Run,
    int Steps,
    int StartStep,
    double FinalLoss,
    double? FirstValidationLoss,
    double? FinalValidationLoss,
    double Seconds,
    double StepsPerSecond,
    long Parameters,
    int TrainFrames,
    int ValidationFrames)
{
    /// <summary>The last validation loss on the held-out decision frames (see TrainingSpec.DecisionFrames).</summary>
    public double? FinalDecisionLoss { get; init; }

    /// <summary>The same frames' loss with other frames' instructions (see InstructionSwap): near FinalDecisionLoss, the
    /// policy ignores the instruction where it decides. Null without decision frames or with one instruction.</summary>
    public double? FinalSwappedInstructionLoss { get; init; }

    /// <summary>What the run changed from its recipe and why (e.g. an auxiliary loss the data cannot feed); printed by the CLI.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
