using TorchSharp;
using static TorchSharp.torch;

namespace Vla.Abstractions;

/// <summary>
/// Language conditioning inside the vision encoder. The encoder calls <see cref="Modulate"/> in every block after
/// attention (or the conv) and before the MLP.
/// </summary>
public abstract class ConditioningModule : nn.Module
{
    protected ConditioningModule(string name) : base(name) { }

    /// <summary>x: (B, N, C) tokens or (B, C, H, W) feature maps of block <paramref name="block"/>;
    /// instruction: (B, E) mean instruction embedding. Returns a tensor shaped like x.</summary>
    public abstract Tensor Modulate(int block, Tensor x, Tensor instruction);
}
