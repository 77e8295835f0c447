using static TorchSharp.torch;

namespace Vla.Abstractions;

/// <summary>
/// A decoder owns the attention mask and the decode loop: how the action slots are filled and how many forwards
/// a chunk costs. It has no weights of its own; the head and backbone hold them.
/// </summary>
public abstract class Decoder
{
    /// <summary>Training forward (teacher forcing where it applies): prefix (B, P, W) -> slot hidden (B, S, W).</summary>
    public abstract Tensor TrainingHidden(IBackbone backbone, Tensor prefix, ActionHead head, HeadTrainingInputs inputs);

    /// <summary>Inference: prefix (B, P, W) -> normalised chunk (B, K, D).</summary>
    public abstract Tensor Predict(IBackbone backbone, Tensor prefix, ActionHead head);

    /// <summary>Backbone forwards per chunk (reported by benchmarks to explain throughput).</summary>
    public abstract int ForwardsPerChunk(ActionHead head);
}
