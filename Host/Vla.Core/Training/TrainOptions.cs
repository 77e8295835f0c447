using Vla.Abstractions;

namespace Vla.Core.Training;

/// <summary>How to run a training session.</summary>
/// <param name="Resume">continue from the run folder's checkpoint (refused without one, and required with one)</param>
/// <param name="StopAfterStep">stop (as if interrupted) after this step; tests use it to prove exact resume</param>
/// <param name="Statistics">statistics of exactly these episodes computed earlier (e.g. cached beside the dataset);
/// null computes them. Ignored on resume, which uses the run folder's.</param>
/// <param name="DataSource">what the episodes came from ("synthetic", a dataset path), recorded in the run folder so
/// later commands (export's engine comparison) can draw samples of the same data</param>
/// <param name="BaseRun">a run folder (e.g. from `vla pretrain`) whose weights initialise a new run: every tensor
/// whose name and shape match is loaded, the rest start fresh; recorded in base.json. Ignored on resume.</param>
public sealed record TrainOptions(
    string RunDir,
    bool Resume = false,
    int? Steps = null,
    IProgress<TrainProgress>? Progress = null,
    int? StopAfterStep = null,
    CancellationToken Cancellation = default,
    DatasetStatistics? Statistics = null,
    string? DataSource = null,
    string? BaseRun = null);
