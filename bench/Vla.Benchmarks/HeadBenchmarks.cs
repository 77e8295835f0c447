using BenchmarkDotNet.Attributes;
using Vla.Abstractions;
using Vla.Core.Plugins;
using static TorchSharp.torch;

namespace Vla.Benchmarks;

/// <summary>
/// Action-head readout from the slots' hidden states at the default shape (width 128, K=8, D=7, 56 slots): the L1
/// head's MLPResNet and the discrete head's LM head + argmax + detokenisation. The backbone pass is a fixed tensor.
/// </summary>
[MemoryDiagnoser]
public class HeadBenchmarks
{
    private const int Width = 128;
    private static readonly ChunkShape Chunk = new(8, 7);
    private PartCatalog _catalog = null!;
    private ActionHead _l1 = null!;
    private ActionHead _discrete = null!;
    private Tensor _hidden = null!;

    [Params(1, 8)] public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(1);
        manual_seed(0);
        _catalog = BenchPlugins.Load();
        var context = new HeadContext(Width, Chunk);
        _l1 = _catalog.Head("l1-regression").Create(context, PartOptions.Empty("head_options"));
        _discrete = _catalog.Head("discrete-tokens").Create(context, PartOptions.Empty("head_options"));
        _l1.eval();
        _discrete.eval();
        _hidden = randn(Batch, Chunk.Scalars, Width);                           // (B, K*D, W)
    }

    [Benchmark(Baseline = true)]
    public void L1Regression() => Readout(_l1);

    [Benchmark]
    public void DiscreteTokens() => Readout(_discrete);

    private void Readout(ActionHead head)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        head.Predict((_, _) => _hidden.alias(), Batch);                          // (B, K, D)
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _hidden.Dispose();
        _l1.Dispose();
        _discrete.Dispose();
        _catalog.Dispose();
    }
}
