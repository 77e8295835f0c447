using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Vla.Benchmarks;

/// <summary>
/// Image pre-processing as the TorchSharp engine does it per camera: uint8 HWC frames -> float CHW in [0, 1], resized
/// bilinearly to the recipe's 64 px when the camera renders another size (128 px here; 64 px skips the resize).
/// </summary>
[MemoryDiagnoser]
public class PreprocessBenchmarks
{
    private const int Target = 64;
    private byte[] _pixels = null!;

    [Params(1, 8)] public int Batch { get; set; }

    [Params(64, 128)] public int Source { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(1);
        _pixels = new byte[Batch * Source * Source * 3];
        new Random(0).NextBytes(_pixels);
    }

    [Benchmark]
    public void ToFloatChw()
    {
        using var scope = NewDisposeScope();
        var hwc = tensor(_pixels, [Batch, Source, Source, 3]);                  // (B, H, W, 3) uint8
        var chw = hwc.permute(0, 3, 1, 2).to(ScalarType.Float32).div_(255f);   // (B, 3, H, W) in [0, 1]
        if (Source != Target)
            nn.functional.interpolate(chw, [Target, Target], mode: InterpolationMode.Bilinear, align_corners: false);
    }
}
