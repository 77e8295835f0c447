using Vla.Abstractions;
using Vla.Abstractions.Export;

namespace Vla.Onnx.Graphs;

/// <summary>
/// The shared vision encoder (<c>VitEncoder</c> or <c>ConvStemEncoder</c>) as nodes: centred images (B, 3, S, S) ->
/// tokens (B, N, C), the conditioning part emitting its modulation in each block as in the TorchSharp forward.
/// </summary>
internal sealed class VisionGraph(ModelWeights w, VisionSpec spec, IExportableConditioning conditioning)
{
    public string Emit(IGraphBuilder g, string images, string instruction) => spec.Kind switch
    {
        "vit" => Vit(g, images, instruction),
        "conv" => ConvStem(g, images, instruction),
        _ => throw new VlaException($"cannot export vision kind '{spec.Kind}'", $"exportable kinds: {string.Join(", ", VisionSpec.Kinds)}"),
    };

    private string Vit(IGraphBuilder g, string images, string instruction)
    {
        var patches = g.Op("Conv", new Dictionary<string, object> { ["strides"] = new long[] { spec.PatchSize, spec.PatchSize } },
            images, w.Add(g, "vision.patch_embed.weight"), w.Add(g, "vision.patch_embed.bias"));      // (B, C, S/p, S/p)
        var x = g.Add(Tokens(g, patches), w.Add(g, "vision.position_embedding"));                     // (B, N, C)
        for (var i = 0; i < spec.Depth; i++)
        {
            var block = i;
            (x, _) = TransformerBlockGraph.Emit(g, w, $"vision.blocks.{i}", x, spec.Heads, mask: null, past: null,
                modulate: h => conditioning.EmitModulate(g, block, h, 3, instruction));
        }
        return w.LayerNorm(g, "vision.norm", x);
    }

    private string ConvStem(IGraphBuilder g, string images, string instruction)
    {
        var x = images;
        for (var i = 0; i < spec.Depth; i++)
        {
            var p = $"vision.stages.{i}";
            var channels = (int)w[$"{p}.conv.weight"].shape[0];
            var groups = GroupNormGraph.Groups(channels);
            var h = g.Gelu(GroupNormGraph.Emit(g, w, $"{p}.down_norm", Conv(g, $"{p}.down.weight", x, stride: 2), groups));
            var r = GroupNormGraph.Emit(g, w, $"{p}.norm", Conv(g, $"{p}.conv.weight", h, stride: 1), groups);
            x = g.Add(h, g.Gelu(conditioning.EmitModulate(g, i, r, 4, instruction)));                // (B, C, H/2, W/2)
        }
        return w.LayerNorm(g, "vision.norm", g.Add(Tokens(g, x), w.Add(g, "vision.position_embedding")));
    }

    /// <summary>3x3 conv, padding 1, no bias (the norm after it removes one).</summary>
    private string Conv(IGraphBuilder g, string weight, string x, long stride) =>
        g.Op("Conv", new Dictionary<string, object>
        {
            ["strides"] = new[] { stride, stride }, ["pads"] = new long[] { 1, 1, 1, 1 }, ["kernel_shape"] = new long[] { 3, 3 },
        }, x, w.Add(g, weight));

    /// <summary>(B, C, H, W) -> (B, H*W, C): flatten(2).transpose(1, 2).</summary>
    private static string Tokens(IGraphBuilder g, string maps) => g.Transpose(g.Reshape(maps, 0, 0, -1), 0, 2, 1);
}
