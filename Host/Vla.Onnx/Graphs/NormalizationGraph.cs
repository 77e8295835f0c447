using Vla.Abstractions;
using Vla.Abstractions.Export;

namespace Vla.Onnx.Graphs;

/// <summary>
/// <see cref="Normalizer"/>'s arithmetic with the dataset statistics as constants, in the same float32 order, so the
/// exported policy maps raw proprio in and raw actions out exactly as the TorchSharp engine does.
/// </summary>
internal sealed class NormalizationGraph
{
    private const float Eps = 1e-8f;
    private readonly float[] _lo, _range;
    private readonly float[] _normalized;

    public NormalizationGraph(FeatureStatistics stats, string mode, IReadOnlyCollection<int>? unnormalizedDims = null)
    {
        var (lo, hi) = mode == "minmax" ? (stats.Min, stats.Max) : (stats.Q01, stats.Q99);
        _lo = lo;
        _range = lo.Select((l, d) => hi[d] - l + Eps).ToArray();                       // hi - lo + eps, as Normalizer
        _normalized = Enumerable.Range(0, lo.Length).Select(d => unnormalizedDims?.Contains(d) == true ? 0f : 1f).ToArray();
    }

    /// <summary>raw (..., D) -> clip(2 (x - lo) / (hi - lo + eps) - 1, -1, 1) on normalised dims.</summary>
    public string Normalize(IGraphBuilder g, string raw)
    {
        var y = g.Op("Div", g.Mul(g.Scalar(2f), g.Op("Sub", raw, Lo(g))), Range(g));
        return Select(g, g.Clip(g.Op("Sub", y, g.Scalar(1f)), -1f, 1f), raw);
    }

    /// <summary>normalised (..., D) -> 0.5 (x + 1) (hi - lo + eps) + lo on normalised dims.</summary>
    public string Unnormalize(IGraphBuilder g, string normalised)
    {
        var y = g.Add(g.Mul(g.Mul(g.Scalar(0.5f), g.Add(normalised, g.Scalar(1f))), Range(g)), Lo(g));
        return Select(g, y, normalised);
    }

    private string Lo(IGraphBuilder g) => g.Constant(_lo, [_lo.Length], "stat_lo");

    private string Range(IGraphBuilder g) => g.Constant(_range, [_range.Length], "stat_range");

    /// <summary>The transformed value on normalised dims, the input elsewhere (the gripper passes through).</summary>
    private string Select(IGraphBuilder g, string transformed, string input)
    {
        if (_normalized.All(m => m == 1f)) return transformed;
        var mask = g.Op("Cast", new Dictionary<string, object> { ["to"] = 9L }, g.Constant(_normalized, [_normalized.Length], "norm_mask")); // 9 = BOOL
        return g.Op("Where", mask, transformed, input);
    }
}
