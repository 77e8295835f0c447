using System.Diagnostics;
using Xunit.Abstractions;
using static Vla.Data.Tests.H5pyWriter;

namespace Vla.Data.Tests;

/// <summary>
/// Read speed of a LIBERO-sized file (20 demos x 150 steps x 2 cameras at 128 px, ~300 MB, uncompressed like
/// LIBERO's), downsized to 64 px on read. Opt-in (VLA_DATA_BENCH=1): it writes 300 MB and takes a minute.
/// </summary>
public sealed class ReadThroughputTests(ITestOutputHelper output) : TempFolder
{
    [Fact]
    public void Reads_a_libero_sized_file_quickly()
    {
        if (Environment.GetEnvironmentVariable("VLA_DATA_BENCH") != "1") return;
        var file = Write(new Spec(PathOf("bench_demo.hdf5"), Demos: Enumerable.Range(0, 20).ToArray(), Steps: 150, Size: 128));
        output.WriteLine($"file: {new FileInfo(file).Length / 1e6:F0} MB");
        LiberoHdf5Reader.Read(file, new LiberoReadOptions(Cameras: ["agentview"], ImageSize: 64));   // warm JIT and page cache

        foreach (var size in new int?[] { 64, null })
        {
            var clock = Stopwatch.StartNew();
            var episodes = LiberoHdf5Reader.Read(file, new LiberoReadOptions(ImageSize: size));
            var seconds = clock.Elapsed.TotalSeconds;
            var frames = episodes.Sum(e => e.Length) * episodes[0].Frames.Count;
            output.WriteLine($"{(size is null ? "native 128 px" : $"128 -> {size} px")}: {frames} camera frames in {seconds:F2} s = " +
                             $"{frames / seconds:F0} frames/s ({episodes.Sum(e => e.Length) / seconds:F0} steps/s)");
            frames.Should().Be(20 * 150 * 2);
        }
    }
}
