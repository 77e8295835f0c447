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
        var groups = Math.Min(8, channels);
        while (channels % groups != 0) groups--;
        down = nn.Conv2d(inChannels, channels, 3, stride: 2, padding: 1);
        down_norm = nn.GroupNorm(groups, channels);
        conv = nn.Conv2d(channels, channels, 3, padding: 1);
        norm = nn.GroupNorm(groups, channels);
        // TorchSharp 0.107's GroupNorm leaves its affine parameters uninitialised (seen as NaN): set them.
        using (no_grad())
            foreach (var gn in new[] { down_norm, norm })
            {
                gn.weight!.fill_(1);
                gn.bias!.zero_();
            }
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
