namespace Vla.Sim;

/// <summary>
/// One evaluation episode. Outcome says what happened (success, or which kind of failure); StopReason explains an
/// early or step-limit stop; GoalsDone counts the task's goals met at the end (long tasks have two).
/// </summary>
public sealed record EpisodeRecord(string Task, int Seed, bool Success, int Steps, EpisodeOutcome Outcome, string? StopReason = null)
{
    public int GoalsDone { get; init; }

    /// <summary>The first grasp aimed at the first goal's object; null when the gripper never closed at it.</summary>
    public GraspMeasure? Grasp { get; init; }

    /// <summary>Cylinders that tipped over (leaned more than 60 degrees outside every fixture) at some step of the episode.</summary>
    public IReadOnlyList<string> Tipped { get; init; } = [];

    /// <summary>The goal (1-based) the episode was working on when the first cylinder tipped; null if none did.</summary>
    public int? FirstTipGoal { get; init; }

    /// <summary>A failed episode that met more of another task's goals (same suite and scene) than of its own: that task's
    /// name (it followed the other instruction, e.g. long's mirror pair); null otherwise.</summary>
    public string? FollowedTask { get; init; }
}
