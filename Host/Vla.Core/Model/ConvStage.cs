using TorchSharp;
using TorchSharp.Modules;
using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>
/// One stage of the conv stem: a stride-2 conv halves the grid, then a residual 3x3 conv whose normalised output is
/// modulated (FiLM) before its activation, the conv analogue of "after attention, before the MLP".
/// </summary>
internal sealed class ConvStage : nn.Module
{
    private readonly Conv2d down;
    private readonly GroupNorm down_norm;
    private readonly Conv2d conv;
    private readonly GroupNorm norm;

    public ConvStage(int inChannels, int channels) : base(nameof(ConvStage))
    {
        // Groups of 8 channels (a 1-channel group is instance norm, which erases a flat image region's brightness).
        // No conv bias: the norm removes it, so its gradient would be pure rounding noise.
        var groups = Math.Max(1, channels / 8);
        while (channels % groups != 0) groups--;
        down = nn.Conv2d(inChannels, channels, 3, stride: 2, padding: 1, bias: false);
        down_norm = new GroupNorm(groups, channels);
        conv = nn.Conv2d(channels, channels, 3, padding: 1, bias: false);
        norm = new GroupNorm(groups, channels);
        RegisterComponents();
    }

    /// <summary>x (B, Cin, H, W) -> (B, C, H/2, W/2).</summary>
    public Tensor Forward(Tensor x, Func<Tensor, Tensor> modulate)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.gelu(down_norm.forward(down.forward(x)));
        var r = modulate(norm.forward(conv.forward(h)));
        return (h + nn.functional.gelu(r)).MoveToOuterDisposeScope();
    }
}
