using static TorchSharp.torch;

namespace Vla.Cli.Bench;

/// <summary>Sets TorchSharp's intra-op threads for a block and restores the caller's setting (tests run on 1).</summary>
internal sealed class TorchThreads : IDisposable
{
    private readonly int _previous;

    public TorchThreads(int threads)
    {
        _previous = get_num_threads();
        set_num_threads(threads);
    }

    public void Dispose() => set_num_threads(_previous);
}
