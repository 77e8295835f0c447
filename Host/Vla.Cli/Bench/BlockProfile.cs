using Vla.Core.Model;
using static TorchSharp.torch;

namespace Vla.Cli.Bench;

/// <summary>
/// Where a training step's time goes, in the unit that dominates it: one backbone block at the training shape
/// (batch x sequence x width), forward + backward, timed whole and in parts: its four linears (qkv, output projection,
/// MLP in and out) alone, the attention core (softmax(q k^T) v, fused) alone, and the rest (two LayerNorms, GELU,
/// residual adds, head reshapes) as the difference. Each part's GFLOP/s against the matmul peak says which part keeps
/// model-FLOP utilisation down.
/// </summary>
internal static class BlockProfile
{
    /// <param name="LinearFlops">forward + backward FLOPs of the four linears (3x forward)</param>
    /// <param name="AttentionFlops">forward + backward FLOPs of q k^T and A v (3x forward)</param>
    /// <param name="AttentionWrittenOut">the attention core as softmax(q k^T / sqrt(d)) v in separate ops, beside the fused
    /// kernel the model uses</param>
    public sealed record Result(int Threads, long Batch, long Length, long Width, long Heads, long MlpRatio,
        LatencyStats Block, LatencyStats Linears, LatencyStats Attention, LatencyStats AttentionWrittenOut, double LinearFlops,
        double AttentionFlops)
    {
        public double OtherMs => Math.Max(0, Block.Mean - Linears.Mean - Attention.Mean);

        public double LinearGflops => LinearFlops / Linears.Mean / 1e6;

        public double AttentionGflops => AttentionFlops / Attention.Mean / 1e6;

        public double BlockGflops => (LinearFlops + AttentionFlops) / Block.Mean / 1e6;
    }

    public static Result Measure(long batch, long length, long width, long heads, long mlpRatio, int threads, int warmup, int iterations)
    {
        using var _ = new TorchThreads(threads);
        using var scope = NewDisposeScope();
        manual_seed(0);
        var rows = batch * length;
        var x = randn(batch, length, width);
        using var block = new TransformerBlock((int)width, (int)heads, (int)mlpRatio);
        block.train();
        var blockGradient = randn(batch, length, width);
        var blockTime = Timing.Measure(() => block.Forward(Leaf(x), null).backward([blockGradient]), warmup, iterations);

        // The block's linears at their shapes (in -> out features), each with an input that needs its gradient, as
        // inside the block (the qkv input comes from a LayerNorm, fc2's from GELU).
        (long In, long Out)[] shapes = [(width, 3 * width), (width, width), (width, mlpRatio * width), (mlpRatio * width, width)];
        var linears = shapes.Select(s => (Input: randn(rows, s.In), Weight: randn(s.Out, s.In).mul_(0.02).requires_grad_(),
            Bias: zeros(s.Out).requires_grad_(), Gradient: randn(rows, s.Out))).ToArray();
        var linearTime = Timing.Measure(() =>
        {
            foreach (var (input, weight, bias, gradient) in linears) nn.functional.linear(Leaf(input), weight, bias).backward([gradient]);
        }, warmup, iterations);

        var headDim = width / heads;
        var (q, k, v) = (randn(batch, heads, length, headDim), randn(batch, heads, length, headDim), randn(batch, heads, length, headDim));
        var attentionGradient = randn(batch, heads, length, headDim);
        var attentionTime = Timing.Measure(
            () => nn.functional.scaled_dot_product_attention(Leaf(q), Leaf(k), Leaf(v)).backward([attentionGradient]), warmup, iterations);
        // The same maths written out (what SelfAttention did before session 17): each run shows what the fused kernel gains
        // or loses at this shape (it wins at head dim 32, loses at 64).
        var scale = 1.0 / Math.Sqrt(headDim);
        var writtenOutTime = Timing.Measure(() =>
        {
            var scores = matmul(Leaf(q), Leaf(k).transpose(-2, -1)).mul_(scale);
            matmul(nn.functional.softmax(scores, -1), Leaf(v)).backward([attentionGradient]);
        }, warmup, iterations);

        // Training = 3x forward, per sample.
        var linearFlops = 3.0 * batch * ModelFlops.BlockLinears(length, width, mlpRatio);
        var attentionFlops = 3.0 * batch * ModelFlops.BlockAttention(length, width);
        return new Result(threads, batch, length, width, heads, mlpRatio, blockTime, linearTime, attentionTime, writtenOutTime, linearFlops,
            attentionFlops);
    }

    /// <summary>A fresh leaf that needs its gradient, so backward computes the input gradient too (as in a real step).
    /// Upstream gradients are random and made before timing (a sum would hand every op a constant gradient, and
    /// drawing them inside would time the random number generator).</summary>
    private static Tensor Leaf(Tensor t) => t.detach().requires_grad_();
}
