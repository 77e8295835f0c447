using System.Runtime.InteropServices;
using Vla.Core.Util;

namespace Vla.Cli.Bench;

/// <summary>
/// glibc malloc settings for training. By default glibc serves blocks above a (dynamic, at most 32 MB) threshold with
/// fresh mmap pages and returns them on free, so every training step page-faults and zeroes its activations again:
/// measured here, the autograd forward took ~2.8x the no-grad forward for that reason alone. Keeping freed memory in
/// the heap (mmap threshold 32 MB, no trimming) removes it; `vla bench` measures training both ways. Not applied to
/// training commands: on an idle machine with 2 threads it measured 1.25 vs 1.46 steps/s (it helps only with 1 thread).
/// ./vla runs on jemalloc instead where it is installed (scripts/allocator.sh), which removes the page faults for every
/// thread count; then these settings do nothing and the bench times the process's allocator only.
/// </summary>
internal static class NativeAllocator
{
    private const int MallocTrimThreshold = -1;   // M_TRIM_THRESHOLD
    private const int MallocTopPad = -2;          // M_TOP_PAD
    private const int MallocMmapThreshold = -3;   // M_MMAP_THRESHOLD

    /// <summary>The allocator this process runs on: ./vla preloads jemalloc (scripts/allocator.sh) when it is installed.</summary>
    public static string Process { get; } = Detect();

    /// <summary>Label of training with the process's allocator as it is.</summary>
    public static string Default => Process == "glibc" ? "glibc default" : $"{Process} (preloaded)";

    public const string Retaining = "glibc retaining freed memory";

    /// <summary>Applies the settings to this process (not undone); false where glibc's mallopt is unavailable or
    /// glibc's malloc is not the one in use (mallopt would tune an allocator nothing calls).</summary>
    public static bool RetainFreedMemory()
    {
        if (!OperatingSystem.IsLinux() || Process != "glibc") return false;
        try
        {
            return mallopt(MallocMmapThreshold, 32 << 20) == 1
                   & mallopt(MallocTrimThreshold, int.MaxValue) == 1
                   & mallopt(MallocTopPad, 256 << 20) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;   // musl or another libc: keep its defaults
        }
    }

    private static string Detect() =>
        MappedLibrary.Any("libjemalloc") ? "jemalloc" : MappedLibrary.Any("libtcmalloc") ? "tcmalloc" : "glibc";

    // DllImport rather than LibraryImport: the CLI project does not allow unsafe code, and int -> int needs no marshalling.
    [DllImport("libc.so.6", EntryPoint = "mallopt")]   // "libc.so" can be a linker script that dlopen rejects
    private static extern int mallopt(int parameter, int value);
}
