namespace Vla.Sim;

/// <summary>What to record: a suite (optionally some of its tasks), successful episodes per task, output folder, base seed, image size.
/// <see cref="TasksCount"/> is used by the `pretrain` family only: how many of its generated tasks (drawn from <see cref="Seed"/>).
/// <see cref="TargetsPerScene"/> (`pretrain` only): generated tasks that share one scene and differ in the goal named.
/// <see cref="RetryFraction"/>: the share of episodes in which the expert misses one grasp on purpose and recovers.
/// <see cref="TippedFraction"/>: the share of episodes that start with one of the scene's cylinders lying on its side.
/// <see cref="PerturbedFraction"/>: the share of episodes whose executed motion is pushed off the expert's path while the
/// expert's own corrections are recorded (<see cref="Expert.PathPerturbation"/>).</summary>
public sealed record DemoRequest(
    string Suite, int EpisodesPerTask, string OutputDir, int Seed = 0, int ImageSize = 128,
    IReadOnlyList<string>? Tasks = null, int Workers = 2, int TasksCount = 0, double RetryFraction = 0,
    int TargetsPerScene = 1, double TippedFraction = 0, double PerturbedFraction = 0);
