namespace Vla.Abstractions;

/// <summary>
/// Maps a feature to [-1, 1] with bounds from dataset statistics, as OpenVLA-OFT does:
/// <c>clip(2 (x - lo) / (hi - lo + 1e-8) - 1, -1, 1)</c>. Masked dimensions (the gripper) pass through unchanged.
/// </summary>
public sealed class Normalizer
{
    private const float Eps = 1e-8f;
    private readonly float[] _lo, _hi;
    private readonly bool[] _normalize;

    public Normalizer(FeatureStatistics stats, string mode, IReadOnlyCollection<int>? unnormalizedDims = null)
    {
        (_lo, _hi) = mode switch
        {
            "q99" => (stats.Q01, stats.Q99),
            "minmax" => (stats.Min, stats.Max),
            _ => throw new VlaException($"unknown normalization mode '{mode}'", "valid modes: q99, minmax"),
        };
        _normalize = Enumerable.Range(0, stats.Dim).Select(d => unnormalizedDims?.Contains(d) != true).ToArray();
    }

    public int Dim => _lo.Length;

    /// <summary>In place over consecutive vectors of <see cref="Dim"/> values.</summary>
    public void Normalize(Span<float> values)
    {
        CheckLength(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var d = i % Dim;
            if (!_normalize[d]) continue;
            var y = 2f * (values[i] - _lo[d]) / (_hi[d] - _lo[d] + Eps) - 1f;
            values[i] = Math.Clamp(y, -1f, 1f);
        }
    }

    /// <summary>Inverse of <see cref="Normalize"/> (exact inside the bounds).</summary>
    public void Unnormalize(Span<float> values)
    {
        CheckLength(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var d = i % Dim;
            if (_normalize[d]) values[i] = 0.5f * (values[i] + 1f) * (_hi[d] - _lo[d] + Eps) + _lo[d];
        }
    }

    private void CheckLength(int length)
    {
        if (Dim == 0 || length % Dim != 0)
            throw new VlaException($"expected a multiple of {Dim} values to normalise, got {length}",
                "the data's dimensions do not match the statistics: recompute them (vla stats)");
    }
}
