namespace Vla.Core.Training;

/// <summary>Reported after every step (for progress bars) and validation.</summary>
public sealed record TrainProgress(int Step, int TotalSteps, double Loss, double? ValidationLoss, double StepsPerSecond,
    double LearningRate)
{
    /// <summary>Validation loss on the held-out decision frames (see TrainingSpec.DecisionFrames), when measured.</summary>
    public double? DecisionLoss { get; init; }
}
