using BenchmarkDotNet.Attributes;
using Vla.Core.Model;
using static TorchSharp.torch;

namespace Vla.Benchmarks;

/// <summary>
/// Self-attention forward at the default (oft) backbone shape: width 128, 4 heads, 201 positions (2 cameras x 64
/// patches + proprio + 16 instruction tokens + 56 action slots), bidirectional as in parallel decoding.
/// </summary>
[MemoryDiagnoser]
public class AttentionBenchmarks
{
    private SelfAttention _attention = null!;
    private TransformerBlock _block = null!;
    private Tensor _x = null!;

    [Params(1, 8)] public int Batch { get; set; }

    [Params(1, 2)] public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(Threads);
        manual_seed(0);
        _attention = new SelfAttention(128, 4);
        _block = new TransformerBlock(128, 4, 4);
        _attention.eval();
        _block.eval();
        _x = randn(Batch, 201, 128);
    }

    [Benchmark]
    public void SelfAttention()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        _attention.Forward(_x, null, null);
    }

    /// <summary>The whole pre-norm block (attention + MLP), for the share attention takes of it.</summary>
    [Benchmark]
    public void TransformerBlock()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        _block.Forward(_x, null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _x.Dispose();
        _attention.Dispose();
        _block.Dispose();
    }
}
