using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Vla.Core.Util;

/// <summary>
/// Flush-to-zero for denormal floats (PyTorch's <c>torch.set_flush_denormal(True)</c>, which TorchSharp does not wrap).
/// x86 handles denormal operands (below 1.2e-38) in microcode, and a fine-tuned model's steps evidently meet many: a
/// training step from the shipped base took a median 1.81 s without the flush and 1.28 s with it, with bit-identical
/// losses (goal demos, 1 thread; `vla run` at 2 threads: 0.79 -> 1.4 steps/s). The setting is per thread and new threads
/// inherit it, so it is applied before libtorch starts its worker threads and again on each thread that trains.
/// </summary>
public static class DenormalFlush
{
    private delegate IntPtr GlobalContextFn();

    [return: MarshalAs(UnmanagedType.U1)]
    private delegate bool SetFlushDenormalFn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool on);

    private static readonly Lazy<(GlobalContextFn Context, SetFlushDenormalFn Set)?> Exports = new(Resolve);

    /// <summary>False when VLA_DENORMALS=keep (to measure the difference, or for bit-level studies of tiny values).</summary>
    public static bool Wanted => Environment.GetEnvironmentVariable("VLA_DENORMALS") != "keep";

    /// <summary>Turns flush-to-zero on for the calling thread (and threads it starts later); false where unsupported.</summary>
    public static bool Enable()
    {
        if (!Wanted || Exports.Value is not { } f) return false;
        return f.Set(f.Context(), true);
    }

    // at::globalContext() and at::Context::setFlushDenormal(bool), exported by the libtorch_cpu that TorchSharp loaded.
    private static (GlobalContextFn, SetFlushDenormalFn)? Resolve()
    {
        if (!OperatingSystem.IsLinux()) return null;
        _ = get_num_threads();   // makes TorchSharp load libtorch
        if (MappedLibrary.PathOf("libtorch_cpu.so") is not { } path || !NativeLibrary.TryLoad(path, out var library)) return null;
        if (!NativeLibrary.TryGetExport(library, "_ZN2at13globalContextEv", out var context) ||
            !NativeLibrary.TryGetExport(library, "_ZN2at7Context16setFlushDenormalEb", out var setter))
            return null;
        return (Marshal.GetDelegateForFunctionPointer<GlobalContextFn>(context), Marshal.GetDelegateForFunctionPointer<SetFlushDenormalFn>(setter));
    }
}
