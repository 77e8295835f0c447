using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vla.Plugins.Heads.Diffusion;

/// <summary>Maps each noisy action scalar into its slot's input embedding (the slots keep one scalar each).</summary>
internal sealed partial class NoisyActionProjector : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;

    public NoisyActionProjector(int width) : base(nameof(NoisyActionProjector))
    {
        fc1 = nn.Linear(1, width);
        fc2 = nn.Linear(width, width);
        RegisterComponents();
    }

    /// <summary>noisy (B, K, D) -> (B, K*D, W).</summary>
    public override Tensor forward(Tensor noisy)
    {
        using var scope = NewDisposeScope();
        var scalars = noisy.reshape(noisy.shape[0], -1, 1);                     // (B, K*D, 1)
        return fc2.forward(nn.functional.gelu(fc1.forward(scalars))).MoveToOuterDisposeScope();
    }
}
