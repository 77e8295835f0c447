using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Plugins.Conditioning.None;

/// <summary>Language enters through the backbone only (OpenVLA, OFT without "+").</summary>
internal sealed partial class NoConditioning() : ConditioningModule("none")
{
    public override Tensor Modulate(int block, Tensor x, Tensor instruction) => x.alias();
}
