using System.Runtime.CompilerServices;

// torch.manual_seed and libtorch's thread pool are process-wide (and command tests redirect the process-wide
// Console): run the tests of an assembly one at a time so seeded initialisation is reproducible.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Vla.Tests.Shared;

internal static class TorchTestSetup
{
    /// <summary>Test models are tiny: one intra-op thread avoids OpenMP spin-waiting on a busy 2-core machine
    /// (several times faster per step than the default 2 threads when other processes are running).</summary>
    [ModuleInitializer]
    internal static void SingleThread() => TorchSharp.torch.set_num_threads(1);
}
