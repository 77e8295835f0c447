using System.CommandLine;
using Vla.Cli.Bench;

namespace Vla.Cli;

/// <summary>
/// `--threads N`: TorchSharp compute threads for the command. Measured here (docs/results/2026-11-26-bench-oft): 2
/// threads train fastest on an idle machine, but are 3-5x slower than 1 when anything else runs (their spin-waits fight
/// for the cores). With 1 thread glibc's allocator keeps freed memory (mmap threshold 32 MB, no trimming): otherwise
/// every step page-faults its activations afresh, ~half the time in the kernel.
/// </summary>
internal static class ThreadsOption
{
    public static Option<int?> Create() => new("--threads")
    {
        Description = "TorchSharp compute threads (default: all cores; use 1 when other work shares the machine)",
    };

    /// <summary>Applies the setting to this process; null keeps TorchSharp's default.</summary>
    public static IDisposable? Apply(int? threads)
    {
        if (threads is null) return null;
        if (threads < 1) throw new Abstractions.VlaException($"--threads must be at least 1, got {threads}");
        if (threads == 1) NativeAllocator.RetainFreedMemory();
        return new TorchThreads(threads.Value);
    }
}
