using Vla.Abstractions;

namespace Vla.MLNet;

/// <summary>ExtractPixels' planar float layout (C, H, W) to the core's RGB bytes (H, W, C), top row first.</summary>
internal static class PixelLayout
{
    public static byte[] PlanarToRgb(ReadOnlySpan<float> planar, int height, int width, bool scaled, string column)
    {
        var plane = height * width;
        var rgb = new byte[plane * 3];
        var factor = scaled ? 255f : 1f;
        for (var c = 0; c < 3; c++)
        for (var i = 0; i < plane; i++)
        {
            var v = planar[c * plane + i];
            if (!float.IsFinite(v))
                throw new VlaException($"column '{column}' has a NaN or infinite pixel", "check the image loading steps");
            rgb[i * 3 + c] = (byte)Math.Clamp(MathF.Round(v * factor), 0f, 255f);
        }
        return rgb;
    }
}
