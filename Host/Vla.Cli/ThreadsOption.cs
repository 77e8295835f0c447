using System.CommandLine;
using Vla.Cli.Bench;
using Vla.Core.Training;

namespace Vla.Cli;

/// <summary>
/// `--threads N` (default: every core): training runs data parallel, one shard of each batch per thread on
/// single-threaded torch (<see cref="ShardedBackward"/>), and glibc's allocator keeps freed memory; inference uses N
/// torch threads. Measured here (a throwaway timing loop, 2 cores, while two other training jobs ran; ms per forward +
/// backward of an OFT batch of 32, interleaved rounds, medians): 2 shards 993, 2 intra-op threads 1329, 1 thread 1469 with the allocator keeping memory; 1522 /
/// 2751 / 2102 without. Intra-op threads spin-wait at every small op and lose whenever anything else runs; without
/// retained memory every step page-faults its activations afresh (~half the time in the kernel). `vla bench` times both
/// ways side by side.
/// </summary>
internal static class ThreadsOption
{
    public static Option<int?> Create() => new("--threads")
    {
        Description = "compute threads: training runs one data-parallel shard per thread (default: all cores; 1 when other work shares the machine)",
    };

    /// <summary>Applies the setting to this process (allocator; torch threads, null keeps torch's default) and returns the
    /// shard count to train with (pass it as <see cref="TrainOptions.DataParallel"/>).</summary>
    public static Compute Apply(int? threads)
    {
        if (threads < 1) throw new Abstractions.VlaException($"--threads must be at least 1, got {threads}");
        NativeAllocator.RetainFreedMemory();   // every shard runs single-threaded torch, where keeping freed memory pays
        return new Compute(threads ?? Environment.ProcessorCount, threads is null ? null : new TorchThreads(threads.Value));
    }

    /// <summary>The command's compute setting; disposing restores torch's thread count.</summary>
    public sealed class Compute(int shards, IDisposable? torchThreads) : IDisposable
    {
        public int Shards { get; } = shards;

        public void Dispose() => torchThreads?.Dispose();
    }
}
