namespace Vla.Abstractions.Export;

/// <summary>
/// The graph side of <see cref="IBackbone"/>, provided by the host to exporting decoders. Position embeddings are
/// added inside (from the past length on), so decoders pass content embeddings only, as in TorchSharp.
/// </summary>
public interface IBackboneGraph
{
    int Width { get; }

    /// <summary>embeds (B, L, W); mask: additive float (L, Lpast + L), 0 = may attend, -inf = blocked, or null for all;
    /// past: every layer's cached keys/values or null (nothing cached).</summary>
    BackboneGraphOutput Emit(IGraphBuilder g, string embeds, string? mask, IReadOnlyList<LayerKv>? past);
}
