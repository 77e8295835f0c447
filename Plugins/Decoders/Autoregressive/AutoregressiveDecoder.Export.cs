using Vla.Abstractions;
using Vla.Abstractions.Export;

namespace Vla.Plugins.Decoders.Autoregressive;

/// <summary>
/// <see cref="DecodeCached"/> split at its loop: the prefill (prefix + start embedding under a causal mask) and one
/// decode step (the new token's embedding attending to every cached position); the host runs greedy argmax.
/// </summary>
internal sealed partial class AutoregressiveDecoder : ICachedDecodeExport
{
    public BackboneGraphOutput EmitPrefill(IGraphBuilder g, IBackboneGraph backbone, string prefix, long prefixLength, ActionHead head)
    {
        var tokenHead = ExportTokenHead(head);
        var input = g.Concat(1, prefix, tokenHead.EmitStartEmbedding(g, prefix));   // (B, P + 1, W)
        var length = prefixLength + 1;
        var mask = new float[length * length];                                       // additive causal mask
        for (var i = 0; i < length; i++)
            for (var j = i + 1; j < length; j++) mask[i * length + j] = float.NegativeInfinity;
        var output = backbone.Emit(g, input, g.Constant(mask, [length, length], "causal_mask"), past: null);
        return output with { Hidden = g.Slice(output.Hidden, 1, -1, long.MaxValue) };  // (B, 1, W)
    }

    public BackboneGraphOutput EmitStep(IGraphBuilder g, IBackboneGraph backbone, string token, ActionHead head,
        IReadOnlyList<LayerKv> past) =>
        backbone.Emit(g, ExportTokenHead(head).EmitEmbedTokens(g, token), mask: null, past);

    private static IExportableTokenHead ExportTokenHead(ActionHead head) =>
        head as IExportableTokenHead ?? throw new VlaException(
            $"the '{head.GetName()}' head cannot be exported for autoregressive decoding",
            "its plugin does not implement IExportableTokenHead");
}
