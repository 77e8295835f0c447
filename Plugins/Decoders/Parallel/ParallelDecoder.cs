using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Plugins.Decoders.Parallel;

/// <summary>
/// OpenVLA-OFT's parallel decoding: action slots get empty (zero) input embeddings, so they differ only by
/// position; attention is bidirectional over all tokens (a causal mask here costs the paper ~40 points), and one
/// forward yields every slot of the chunk.
/// </summary>
internal sealed partial class ParallelDecoder : Decoder
{
    public override Tensor TrainingHidden(IBackbone backbone, Tensor prefix, ActionHead head, HeadTrainingInputs inputs)
        => Pass(backbone, prefix, head, inputs.SlotInputs, inputs.ExtraTokens);

    public override Tensor Predict(IBackbone backbone, Tensor prefix, ActionHead head)
        => head.Predict((slots, extra) => Pass(backbone, prefix, head, slots, extra), prefix.shape[0]);

    public override int ForwardsPerChunk(ActionHead head) => 1;

    private static Tensor Pass(IBackbone backbone, Tensor prefix, ActionHead head, Tensor? slots, Tensor? extra)
    {
        using var scope = NewDisposeScope();
        var batch = prefix.shape[0];
        var s = head.SlotCount;
        // Empty slots: zeros (B, S, W); the backbone adds position embeddings.
        slots ??= zeros(batch, s, backbone.Width, dtype: prefix.dtype, device: prefix.device);
        var parts = extra is null ? new[] { prefix, slots } : new[] { prefix, extra, slots };
        var sequence = cat(parts, 1);                            // (B, P [+E] + S, W)
        var hidden = backbone.Forward(sequence, mask: null);     // null = bidirectional: every token sees every token
        return hidden[.., ^s.., ..].MoveToOuterDisposeScope();  // (B, S, W)
    }
}
