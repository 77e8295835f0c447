using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>Proprio state (B, P) -> one token (B, 1, W): Linear -> GELU -> Linear, as OFT's projector.</summary>
internal sealed class ProprioProjector : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;

    public ProprioProjector(int proprioDim, int width) : base(nameof(ProprioProjector))
    {
        fc1 = nn.Linear(proprioDim, width);
        fc2 = nn.Linear(width, width);
        RegisterComponents();
    }

    public override Tensor forward(Tensor proprio)
    {
        using var scope = NewDisposeScope();
        return fc2.forward(nn.functional.gelu(fc1.forward(proprio))).unsqueeze(1).MoveToOuterDisposeScope();
    }
}
