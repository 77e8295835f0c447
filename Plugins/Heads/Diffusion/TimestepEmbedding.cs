using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vla.Plugins.Heads.Diffusion;

/// <summary>Diffusion timestep -> one extra token: sinusoidal features then a small MLP, as in DDPM/OFT.</summary>
internal sealed partial class TimestepEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly int _width;
    private readonly Linear fc1;
    private readonly Linear fc2;

    public TimestepEmbedding(int width) : base(nameof(TimestepEmbedding))
    {
        _width = width;
        fc1 = nn.Linear(width, width);
        fc2 = nn.Linear(width, width);
        RegisterComponents();
    }

    /// <summary>t (B) int64 -> (B, 1, W).</summary>
    public override Tensor forward(Tensor t)
    {
        using var scope = NewDisposeScope();
        var half = _width / 2;
        var frequencies = exp(arange(half, device: t.device) * (-Math.Log(10000.0) / Math.Max(half - 1, 1)));
        var angles = t.to(ScalarType.Float32).unsqueeze(1) * frequencies.unsqueeze(0);  // (B, W/2)
        var features = cat([angles.sin(), angles.cos()], 1);                             // (B, 2*(W/2))
        if (features.shape[1] < _width) features = nn.functional.pad(features, [0, _width - features.shape[1]]);
        var token = fc2.forward(nn.functional.silu(fc1.forward(features)));              // (B, W)
        return token.unsqueeze(1).MoveToOuterDisposeScope();                             // (B, 1, W)
    }
}
