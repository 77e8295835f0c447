using System.Runtime.InteropServices;

namespace Vla.Cli.Bench;

/// <summary>
/// glibc malloc settings for training. By default glibc serves blocks above a (dynamic, at most 32 MB) threshold with
/// fresh mmap pages and returns them on free, so every training step page-faults and zeroes its activations again:
/// measured here, the autograd forward took ~2.8x the no-grad forward for that reason alone. Keeping freed memory in
/// the heap (mmap threshold 32 MB, no trimming) removes it; `vla bench` measures training both ways. Not applied to
/// training commands: on an idle machine with 2 threads it measured 1.25 vs 1.46 steps/s (it helps only with 1 thread).
/// </summary>
internal static class NativeAllocator
{
    private const int MallocTrimThreshold = -1;   // M_TRIM_THRESHOLD
    private const int MallocTopPad = -2;          // M_TOP_PAD
    private const int MallocMmapThreshold = -3;   // M_MMAP_THRESHOLD

    public const string Default = "glibc default";
    public const string Retaining = "glibc retaining freed memory";

    /// <summary>Applies the settings to this process (not undone); false where glibc's mallopt is unavailable.</summary>
    public static bool RetainFreedMemory()
    {
        if (!OperatingSystem.IsLinux()) return false;
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

    // DllImport rather than LibraryImport: the CLI project does not allow unsafe code, and int -> int needs no marshalling.
    [DllImport("libc.so.6", EntryPoint = "mallopt")]   // "libc.so" can be a linker script that dlopen rejects
    private static extern int mallopt(int parameter, int value);
}
