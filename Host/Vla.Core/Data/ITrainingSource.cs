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

    /// <summary>
    /// The frame lists <see cref="Batch"/> will be asked for from now on, in order. The trainer's batches are a pure
    /// function of (seed, step), so it knows them in advance; a source that reads ahead prepares them, and then serves
    /// exactly these requests. A source holding everything in memory ignores it.
    /// </summary>
    void Plan(IEnumerable<IReadOnlyList<int>> requests)
    {
    }

    /// <summary>Observations and normalised target chunks (B, K, D) for the given frames.</summary>
    (ObservationBatch Batch, Tensor Target) Batch(IReadOnlyList<int> frames);
}
