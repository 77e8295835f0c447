using Vla.Abstractions.Export;

namespace Vla.Onnx.Graphs;

/// <summary>
/// A pre-norm <c>TransformerBlock</c> (and its <c>SelfAttention</c>) as nodes: x + attn(norm1(x)), the optional
/// modulation, x + fc2(gelu(fc1(norm2(x)))). Attention is MatMul/Softmax per head with an optional additive mask and
/// an optional past cache concatenated along the length axis, as <c>LayerCache.Append</c>.
/// </summary>
internal static class TransformerBlockGraph
{
    public static (string X, LayerKv Present) Emit(IGraphBuilder g, ModelWeights w, string prefix, string x, int heads,
        string? mask, LayerKv? past, Func<string, string>? modulate = null)
    {
        var (attended, present) = Attention(g, w, $"{prefix}.attn", w.LayerNorm(g, $"{prefix}.norm1", x), heads, mask, past);
        x = g.Add(x, attended);                                                               // (B, L, W)
        if (modulate is not null) x = modulate(x);
        var mlp = w.Linear(g, $"{prefix}.fc2", g.Gelu(w.Linear(g, $"{prefix}.fc1", w.LayerNorm(g, $"{prefix}.norm2", x))));
        return (g.Add(x, mlp), present);
    }

    private static (string Output, LayerKv Present) Attention(IGraphBuilder g, ModelWeights w, string prefix, string x,
        int heads, string? mask, LayerKv? past)
    {
        var width = w[$"{prefix}.proj.weight"].shape[0];
        var headDim = width / heads;
        var qkv = g.Reshape(w.Linear(g, $"{prefix}.qkv", x), 0, 0, 3, heads, headDim);       // (B, L, 3, H, hd)
        var split = g.Transpose(qkv, 2, 0, 3, 1, 4);                                           // (3, B, H, L, hd)
        string Pick(long i) => g.Op("Gather", new Dictionary<string, object> { ["axis"] = 0L }, split, g.Constant([i], [], "index"));
        var (q, k, v) = (Pick(0), Pick(1), Pick(2));                                            // (B, H, L, hd)
        if (past is not null) (k, v) = (g.Concat(2, past.Keys, k), g.Concat(2, past.Values, v)); // (B, H, Lk, hd)
        var scores = g.Mul(g.Op("MatMul", q, g.Transpose(k, 0, 1, 3, 2)), g.Scalar(1f / MathF.Sqrt(headDim))); // (B, H, L, Lk)
        if (mask is not null) scores = g.Add(scores, mask);
        var weights = g.Op("Softmax", new Dictionary<string, object> { ["axis"] = -1L }, scores);
        var attended = g.Transpose(g.Op("MatMul", weights, v), 0, 2, 1, 3);                  // (B, L, H, hd)
        return (w.Linear(g, $"{prefix}.proj", g.Reshape(attended, 0, 0, width)), new LayerKv(k, v));
    }
}
