namespace Vla.Abstractions.Export;

/// <summary>A decoder that feeds tokens back one at a time with a KV cache: exported as a prefill graph and a
/// decode-step graph; the host runs the greedy loop.</summary>
public interface ICachedDecodeExport
{
    /// <summary>prefix (B, P, W) of known length P -> hidden of the last position (B, 1, W) and the cache.</summary>
    BackboneGraphOutput EmitPrefill(IGraphBuilder g, IBackboneGraph backbone, string prefix, long prefixLength, ActionHead head);

    /// <summary>token (B, 1) int64 just decoded + past cache -> hidden of its position (B, 1, W) and the longer cache.</summary>
    BackboneGraphOutput EmitStep(IGraphBuilder g, IBackboneGraph backbone, string token, ActionHead head, IReadOnlyList<LayerKv> past);
}
