namespace Vla.Core.Training;

/// <summary>Reported after every step (for progress bars) and validation.</summary>
public sealed record TrainProgress(int Step, int TotalSteps, double Loss, double? ValidationLoss, double StepsPerSecond,
    double LearningRate);
