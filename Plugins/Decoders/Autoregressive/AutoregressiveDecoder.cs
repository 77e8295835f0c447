using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Plugins.Decoders.Autoregressive;

/// <summary>
/// OpenVLA's decoding: a causal mask, one action token per forward. Training uses teacher forcing (slot i's input
/// is the embedding of token i-1, slot 0's a start embedding); inference feeds each argmax token back, reusing
/// keys/values from a cache so each step costs one position.
/// </summary>
internal sealed partial class AutoregressiveDecoder(bool useCache) : Decoder
{
    public override Tensor TrainingHidden(IBackbone backbone, Tensor prefix, ActionHead head, HeadTrainingInputs inputs)
    {
        using var scope = NewDisposeScope();
        var tokenHead = TokenHead(head);
        var batch = prefix.shape[0];
        var s = head.SlotCount;
        var tokens = tokenHead.Tokenize(inputs.Target);                          // (B, S)
        var shifted = cat([tokenHead.StartEmbedding(batch),
            tokenHead.EmbedTokens(tokens[.., ..^1])], 1);                        // (B, S, W)
        var sequence = cat([prefix, shifted], 1);                               // (B, P + S, W)
        var hidden = backbone.Forward(sequence, CausalMask.Create(sequence.shape[1], prefix.device));
        return hidden[.., ^s.., ..].MoveToOuterDisposeScope();                  // (B, S, W)
    }

    public override Tensor Predict(IBackbone backbone, Tensor prefix, ActionHead head)
    {
        using var scope = NewDisposeScope();
        var tokenHead = TokenHead(head);
        var tokens = useCache ? DecodeCached(backbone, prefix, head, tokenHead) : DecodeUncached(backbone, prefix, head, tokenHead);
        return tokenHead.Detokenize(tokens).MoveToOuterDisposeScope();
    }

    public override int ForwardsPerChunk(ActionHead head) => head.SlotCount;

    private static Tensor DecodeCached(IBackbone backbone, Tensor prefix, ActionHead head, ITokenActionHead tokenHead)
    {
        using var cache = backbone.CreateCache();
        var batch = prefix.shape[0];
        var input = cat([prefix, tokenHead.StartEmbedding(batch)], 1);         // prefill: (B, P + 1, W)
        var hidden = backbone.Forward(input, CausalMask.Create(input.shape[1], prefix.device), cache);
        var decoded = new List<Tensor>();
        for (var i = 0; i < head.SlotCount; i++)
        {
            var next = tokenHead.Logits(hidden[.., ^1.., ..]).argmax(-1);       // (B, 1)
            decoded.Add(next);
            if (i + 1 < head.SlotCount)                                         // the new position sees all cached ones
                hidden = backbone.Forward(tokenHead.EmbedTokens(next), null, cache);
        }
        return cat(decoded, 1);                                                 // (B, S)
    }

    /// <summary>Recomputes the whole sequence each step: the reference the cached path must match exactly.</summary>
    private static Tensor DecodeUncached(IBackbone backbone, Tensor prefix, ActionHead head, ITokenActionHead tokenHead)
    {
        var batch = prefix.shape[0];
        var inputs = new List<Tensor> { prefix, tokenHead.StartEmbedding(batch) };
        var decoded = new List<Tensor>();
        for (var i = 0; i < head.SlotCount; i++)
        {
            var sequence = cat(inputs, 1);
            var hidden = backbone.Forward(sequence, CausalMask.Create(sequence.shape[1], prefix.device));
            var next = tokenHead.Logits(hidden[.., ^1.., ..]).argmax(-1);       // (B, 1)
            decoded.Add(next);
            inputs.Add(tokenHead.EmbedTokens(next));
        }
        return cat(decoded, 1);
    }

    private static ITokenActionHead TokenHead(ActionHead head) =>
        head as ITokenActionHead ?? throw new VlaException(
            $"the autoregressive decoder needs a head that emits tokens, got '{head.GetName()}'",
            "use the discrete-tokens head, or the parallel decoder for continuous heads");
}
