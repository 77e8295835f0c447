using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>
/// Group normalisation written with elementwise ops: TorchSharp 0.107's nn.GroupNorm leaves its weight uninitialised
/// (NaN seen here), so we own the parameters and the arithmetic.
/// </summary>
internal sealed class GroupNorm : nn.Module<Tensor, Tensor>
{
    private const double Eps = 1e-5;
    private readonly int _groups;
    private readonly Parameter weight;
    private readonly Parameter bias;

    public GroupNorm(int groups, int channels) : base(nameof(GroupNorm))
    {
        _groups = groups;
        weight = nn.Parameter(ones(channels));
        bias = nn.Parameter(zeros(channels));
        RegisterComponents();
    }

    /// <summary>x (B, C, H, W) -> normalised per (sample, group of C/G channels), then scaled per channel.</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var grouped = x.reshape(x.shape[0], _groups, -1);                           // (B, G, C/G*H*W)
        var centred = grouped - grouped.mean([-1], keepdim: true);
        var normalised = centred * (centred.square().mean([-1], keepdim: true) + Eps).rsqrt();
        var shape = new long[] { 1, -1, 1, 1 };
        return (normalised.reshape(x.shape) * weight.reshape(shape) + bias.reshape(shape)).MoveToOuterDisposeScope();
    }
}
