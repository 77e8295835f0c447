using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>
/// Pre-norm transformer block: x + attn(norm(x)), then an optional modulation (FiLM's place in the vision
/// encoder: after attention, before the MLP), then x + mlp(norm(x)).
/// </summary>
internal sealed class TransformerBlock : nn.Module
{
    private readonly LayerNorm norm1;
    private readonly SelfAttention attn;
    private readonly LayerNorm norm2;
    private readonly Linear fc1;
    private readonly Linear fc2;

    public TransformerBlock(int width, int heads, int mlpRatio) : base(nameof(TransformerBlock))
    {
        norm1 = nn.LayerNorm(width);
        attn = new SelfAttention(width, heads);
        norm2 = nn.LayerNorm(width);
        fc1 = nn.Linear(width, mlpRatio * width);
        fc2 = nn.Linear(mlpRatio * width, width);
        RegisterComponents();
    }

    public Tensor Forward(Tensor x, Tensor? mask, LayerCache? cache = null, Func<Tensor, Tensor>? modulate = null)
    {
        using var scope = NewDisposeScope();
        x = x + attn.Forward(norm1.forward(x), mask, cache);                 // (B, L, W)
        if (modulate is not null) x = modulate(x);
        x = x + fc2.forward(nn.functional.gelu(fc1.forward(norm2.forward(x))));
        return x.MoveToOuterDisposeScope();
    }
}
