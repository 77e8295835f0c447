using Vla.Abstractions;
using Vla.Abstractions.Export;

namespace Vla.Onnx.Graphs;

/// <summary>
/// <c>Backbone</c> as nodes, handed to decoders as <see cref="IBackboneGraph"/>: positions from the past length
/// (read from the cache's shape, so one decode-step graph serves every step), the blocks, the final norm.
/// </summary>
internal sealed class BackboneGraph(ModelWeights weights, BackboneSpec spec) : IBackboneGraph
{
    public int Width => spec.Width;

    public int Layers => spec.Depth;

    public int HeadDim => spec.Width / spec.Heads;

    public int Heads => spec.Heads;

    public BackboneGraphOutput Emit(IGraphBuilder g, string embeds, string? mask, IReadOnlyList<LayerKv>? past)
    {
        var length = g.Op("Shape", new Dictionary<string, object> { ["start"] = 1L, ["end"] = 2L }, embeds);  // (1) = L
        var start = past is null ? g.Longs(0)
            : g.Op("Shape", new Dictionary<string, object> { ["start"] = 2L, ["end"] = 3L }, past[0].Keys);   // (1) = Lpast
        var positions = g.Op("Slice", weights.Add(g, "backbone.position_embedding"), start, g.Add(start, length), g.Longs(0));
        var x = g.Add(embeds, positions);                                                                  // (B, L, W)
        var present = new List<LayerKv>();
        for (var i = 0; i < spec.Depth; i++)
        {
            (x, var kv) = TransformerBlockGraph.Emit(g, weights, $"backbone.blocks.{i}", x, spec.Heads, mask, past?[i]);
            present.Add(kv);
        }
        return new BackboneGraphOutput(weights.LayerNorm(g, "backbone.norm", x), present);
    }
}
