using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>Multi-head self-attention (softmax(q k^T / sqrt(d)) v), with an optional key/value cache.</summary>
internal sealed class SelfAttention : nn.Module
{
    private readonly int _heads;
    private readonly double _scale;
    private readonly Linear qkv;
    private readonly Linear proj;

    public SelfAttention(int width, int heads) : base(nameof(SelfAttention))
    {
        _heads = heads;
        _scale = 1.0 / Math.Sqrt(width / heads);
        qkv = nn.Linear(width, 3 * width);
        proj = nn.Linear(width, width);
        RegisterComponents();
    }

    /// <summary>x (B, L, W); mask (L, Lk) bool (true = attend) or null; cache gets this call's keys/values appended.</summary>
    public Tensor Forward(Tensor x, Tensor? mask, LayerCache? cache)
    {
        using var scope = NewDisposeScope();
        var (b, l, w) = (x.shape[0], x.shape[1], x.shape[2]);
        var split = qkv.forward(x).reshape(b, l, 3, _heads, w / _heads).permute(2, 0, 3, 1, 4); // (3, B, H, L, hd)
        var (q, k, v) = (split[0], split[1], split[2]);
        if (cache is not null) (k, v) = cache.Append(k, v);                                   // (B, H, Lk, hd)
        // Written out rather than scaled_dot_product_attention: libtorch's fused CPU kernel has a slow backward at
        // these sizes (head dim 32, ~200 positions): 54 vs 44 ms per block's attention forward + backward, batch 32.
        var scores = matmul(q, k.transpose(-2, -1)).mul_(_scale);                             // (B, H, L, Lk)
        if (mask is not null) scores = scores.masked_fill(mask.logical_not(), float.NegativeInfinity);
        var attended = matmul(softmax(scores, -1), v);                                        // (B, H, L, hd)
        return proj.forward(attended.transpose(1, 2).reshape(b, l, w)).MoveToOuterDisposeScope();
    }
}
