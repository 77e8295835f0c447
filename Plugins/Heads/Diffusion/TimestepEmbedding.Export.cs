using Vla.Abstractions.Export;
using static TorchSharp.torch;

namespace Vla.Plugins.Heads.Diffusion;

internal sealed partial class TimestepEmbedding
{
    /// <summary>t (B) int64 -> (B, 1, W), as <see cref="forward"/>; the frequencies are computed by the same TorchSharp
    /// expression and stored as a constant.</summary>
    public string Emit(IGraphBuilder g, string t)
    {
        using var scope = NewDisposeScope();
        var half = _width / 2;
        var frequencies = exp(arange(half) * (-Math.Log(10000.0) / Math.Max(half - 1, 1))).unsqueeze(0); // (1, W/2)
        var time = g.Unsqueeze(g.Op("Cast", new Dictionary<string, object> { ["to"] = 1L }, t), 1);   // (B, 1) float
        var angles = g.Mul(time, g.Initializer(frequencies, "timestep_frequencies"));                    // (B, W/2)
        var features = g.Concat(1, g.Op("Sin", angles), g.Op("Cos", angles));                           // (B, 2*(W/2))
        if (2 * half < _width) features = g.Op("Pad", features, g.Longs(0, 0, 0, _width - 2 * half));   // zeros on the right
        return g.Unsqueeze(g.Linear(fc2, g.Silu(g.Linear(fc1, features))), 1);                           // (B, 1, W)
    }
}
