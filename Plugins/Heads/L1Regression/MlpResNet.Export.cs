using Vla.Abstractions.Export;

namespace Vla.Plugins.Heads;

/// <summary>The MLPResNet's forward as graph nodes (used by the L1 head and the diffusion noise predictor).</summary>
internal sealed partial class MlpResNet
{
    public string Emit(IGraphBuilder g, string x)
    {
        var h = g.Relu(g.Linear(fc1, g.LayerNorm(layer_norm1, x)));                   // (..., hidden)
        foreach (var block in blocks) h = ((ResidualBlock)block).Emit(g, h);
        return g.Linear(fc2, g.LayerNorm(layer_norm2, h));                            // (..., output)
    }

    private sealed partial class ResidualBlock
    {
        public string Emit(IGraphBuilder g, string x) => g.Add(x, g.Relu(g.Linear(fc, g.LayerNorm(norm, x))));
    }
}
