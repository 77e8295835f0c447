namespace Vla.Core.Data;

/// <summary>
/// One batch the trainer asks a source for: which frames, and the seed of their image augmentation (null: the frames as
/// they are, as validation sees them). Carrying the seed lets a source augment ahead of the trainer, on its own thread.
/// </summary>
internal sealed record BatchRequest(IReadOnlyList<int> Frames, int? AugmentSeed = null)
{
    /// <summary>Same frames in the same order and the same augmentation (records compare lists by reference).</summary>
    public bool Matches(BatchRequest other) => AugmentSeed == other.AugmentSeed && Frames.SequenceEqual(other.Frames);

    /// <summary>For error messages: the first frames and the augmentation.</summary>
    public override string ToString() =>
        $"frames {string.Join(", ", Frames.Take(8))}{(Frames.Count > 8 ? $", ... ({Frames.Count})" : "")}, " +
        (AugmentSeed is { } seed ? $"augmented with seed {seed}" : "not augmented");
}
