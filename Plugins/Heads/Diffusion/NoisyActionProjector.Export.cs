using Vla.Abstractions.Export;

namespace Vla.Plugins.Heads.Diffusion;

internal sealed partial class NoisyActionProjector
{
    /// <summary>noisy (B, K, D) -> (B, K*D, W), as <see cref="forward"/>.</summary>
    public string Emit(IGraphBuilder g, string noisy) =>
        g.Linear(fc2, g.Gelu(g.Linear(fc1, g.Reshape(noisy, 0, -1, 1))));
}
