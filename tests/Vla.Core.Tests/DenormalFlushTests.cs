using Vla.Core.Util;
using static TorchSharp.torch;

namespace Vla.Core.Tests;

/// <summary>Flush-to-zero for denormals (what keeps a fine-tuned model's training steps off x86's slow path).</summary>
public class DenormalFlushTests
{
    [Fact]
    public void Once_enabled_libtorch_flushes_denormal_results_to_zero_on_that_thread()
    {
        float before = 0, after = 0;
        var enabled = false;
        // A thread of its own: the setting is per thread, and xunit's threads must keep the default.
        var thread = new Thread(() =>
        {
            using var tiny = tensor(new[] { 1e-39f });   // below float's smallest normal (1.18e-38)
            using (var product = tiny * 0.5f) before = product.item<float>();
            enabled = DenormalFlush.Enable();
            using (var product = tiny * 0.5f) after = product.item<float>();
        });
        thread.Start();
        thread.Join();

        before.Should().Be(5e-40f, "denormals are kept by default");
        enabled.Should().BeTrue("libtorch_cpu exports at::Context::setFlushDenormal on Linux x64");
        after.Should().Be(0f);
    }

    [Fact]
    public void Mapped_libraries_are_found_by_file_name()
    {
        _ = get_num_threads();   // TorchSharp maps libtorch on first use
        var torch = MappedLibrary.PathOf("libtorch_cpu.so");
        torch.Should().NotBeNull().And.EndWith("/libtorch_cpu.so");
        File.Exists(torch).Should().BeTrue();
        MappedLibrary.PathOf("torch_cpu.so").Should().BeNull("the whole file name must match");
        MappedLibrary.Any("libtorch_c").Should().BeTrue();
        MappedLibrary.Any("libnot-a-library").Should().BeFalse();
    }
}
