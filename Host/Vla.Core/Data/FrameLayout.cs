using static TorchSharp.torch;

namespace Vla.Core.Data;

/// <summary>
/// Stored frames (N x H*W*3 bytes, interleaved RGB) -> the model's layout, uint8 (N, 3, S, S) at the recipe's image
/// size. One function for the in-memory and the streaming source, so a frame packed whole or one at a time comes
/// out bit-identical (bilinear resizing treats each image on its own).
/// </summary>
internal static class FrameLayout
{
    public static Tensor ToChw(byte[] hwc, int count, int height, int width, int size)
    {
        using var interleaved = tensor(hwc, [count, height, width, 3]);
        using var chw = interleaved.permute(0, 3, 1, 2);
        if (height == size && width == size) return chw.contiguous();
        using var real = chw.to(ScalarType.Float32);
        using var resized = nn.functional.interpolate(real, [size, size], mode: InterpolationMode.Bilinear, align_corners: false);
        using var rounded = resized.round().clamp_(0, 255);
        return rounded.to(ScalarType.Byte);
    }

    /// <summary>One frame already at the recipe's size: HWC -> CHW without a tensor (the streaming worker's common case).</summary>
    public static void Transpose(ReadOnlySpan<byte> hwc, Span<byte> chw, int size)
    {
        var plane = size * size;
        for (int p = 0, s = 0; p < plane; p++, s += 3)
        {
            chw[p] = hwc[s];
            chw[plane + p] = hwc[s + 1];
            chw[2 * plane + p] = hwc[s + 2];
        }
    }
}
