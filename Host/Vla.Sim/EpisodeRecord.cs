namespace Vla.Sim;

/// <summary>One evaluation episode. StopReason explains early stops (invalid action, policy exception, divergence).</summary>
public sealed record EpisodeRecord(string Task, int Seed, bool Success, int Steps, string? StopReason = null);
