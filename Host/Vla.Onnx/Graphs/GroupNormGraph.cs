using Vla.Abstractions.Export;

namespace Vla.Onnx.Graphs;

/// <summary>The host's elementwise <c>GroupNorm</c>: statistics per (sample, group), then per-channel scale and shift.</summary>
internal static class GroupNormGraph
{
    private const float Eps = 1e-5f;

    public static string Emit(IGraphBuilder g, ModelWeights w, string prefix, string x, int groups)
    {
        var grouped = g.Reshape(x, 0, groups, -1);                                           // (B, G, C/G*H*W)
        var axes = g.Longs(-1);
        var centred = g.Op("Sub", grouped, g.Op("ReduceMean", grouped, axes));               // keepdims defaults to 1
        var variance = g.Op("ReduceMean", g.Mul(centred, centred), axes);
        var normalised = g.Mul(centred, g.Op("Reciprocal", g.Op("Sqrt", g.Add(variance, g.Scalar(Eps)))));
        var restored = g.Op("Reshape", normalised, g.Op("Shape", x));                        // (B, C, H, W)
        var weight = g.Reshape(w.Add(g, $"{prefix}.weight"), 1, -1, 1, 1);
        var bias = g.Reshape(w.Add(g, $"{prefix}.bias"), 1, -1, 1, 1);
        return g.Add(g.Mul(restored, weight), bias);
    }

    /// <summary>The group count ConvStage picks for <paramref name="channels"/> (groups of 8 channels).</summary>
    public static int Groups(int channels)
    {
        var groups = Math.Max(1, channels / 8);
        while (channels % groups != 0) groups--;
        return groups;
    }
}
