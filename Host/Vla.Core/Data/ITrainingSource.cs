using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Core.Data;

/// <summary>
/// What the trainer samples from: frames numbered 0..Frames-1 in episode order, and batches of any of them.
/// Implemented by <see cref="TrainingData"/> (everything in memory) and <see cref="Streaming.StreamingTrainingData"/>
/// (frames read from disk ahead of the trainer).
/// </summary>
internal interface ITrainingSource : IDisposable
{
    int Frames { get; }

    int EpisodeCount { get; }

    /// <summary>Frame indices of the given episodes (for the train/validation split by episode).</summary>
    int[] FramesOf(IReadOnlySet<int> episodes);

    /// <summary>Whether a frame is a decision frame (<see cref="Abstractions.TrainingSpec.DecisionFrames"/>).</summary>
    bool IsDecision(int frame);

    /// <summary>The frames' targets of the auxiliary losses (localisation, pointing); each null when the recipe does not
    /// weigh its loss or the data has none.</summary>
    AuxiliaryTargets Auxiliary(IReadOnlyList<int> frames);

    /// <summary>
    /// The requests <see cref="Batch"/> will be given from now on, in order. The trainer's batches (frames and
    /// augmentation seeds) are a pure function of (seed, step), so it knows them in advance; a source that reads ahead
    /// prepares them - reads and augments - and then serves exactly these requests. A source holding everything in
    /// memory ignores it.
    /// </summary>
    void Plan(IEnumerable<BatchRequest> requests)
    {
    }

    /// <summary>
    /// Observations and normalised target chunks (B, K, D) for the request's frames, images augmented by
    /// <see cref="ByteImageAugmentation"/> when it carries a seed: every source gives the same batch bit for bit.
    /// </summary>
    (ObservationBatch Batch, Tensor Target) Batch(BatchRequest request);
}
