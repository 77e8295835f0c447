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
}
