using System.Runtime.CompilerServices;

// Training tests seed torch's global generator: run them one at a time so seeds are not interleaved.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Vla.Core.Tests;

internal static class TorchSetup
{
    /// <summary>Test models are tiny: one intra-op thread avoids OpenMP spin-waiting (several times faster here).</summary>
    [ModuleInitializer]
    internal static void SingleThread() => TorchSharp.torch.set_num_threads(1);
}
