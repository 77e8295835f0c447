namespace Vla.Core.Training;

/// <summary>How to run a training session.</summary>
/// <param name="Resume">continue from the run folder's checkpoint (refused without one, and required with one)</param>
/// <param name="StopAfterStep">stop (as if interrupted) after this step; tests use it to prove exact resume</param>
public sealed record TrainOptions(
    string RunDir,
    bool Resume = false,
    int? Steps = null,
    IProgress<TrainProgress>? Progress = null,
    int? StopAfterStep = null,
    CancellationToken Cancellation = default);
