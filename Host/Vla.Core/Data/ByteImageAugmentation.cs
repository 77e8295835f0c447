using System.Numerics;

namespace Vla.Core.Data;

/// <summary>
/// openvla-oft's training-image augmentation on uint8 (3, S, S) images, in managed code: a random crop of 90-100% of
/// the area (aspect kept) at a random position, resized back to S (bilinear, border-clamped, sampled exactly where
/// torch's affine_grid + grid_sample with align_corners false sample), then colour jitter - brightness, contrast (about
/// the image's mean grey) and saturation (toward each pixel's grey), each factor in [0.8, 1.2] - and rounding back to
/// bytes. Hue jitter is left out (it needs an HSV round trip and the simulator's colours are what names the objects).
/// The reference crops exactly 90% and centre-crops at evaluation; sampling the area in [0.9, 1] instead keeps the
/// uncropped frame inside the training distribution, so inference (torch, ONNX, ML.NET) needs no crop step.
/// </summary>
/// <remarks>No torch: the streaming source's worker thread runs it ahead of the trainer without starting a second
/// OpenMP team. Draws come from the caller's seeded Random (exact resume); an instance holds scratch buffers for one
/// image size and serves one thread.</remarks>
internal sealed class ByteImageAugmentation
{
    private const double MinArea = 0.9, Jitter = 0.2;
    private const float Red = 0.299f, Green = 0.587f, Blue = 0.114f;   // ITU-R 601 luma

    private readonly int _size, _plane;
    private readonly float[] _source, _pixels, _row;   // the input as floats, the output (3, S, S) in [0, 255], one row
    private readonly int[] _x0, _x1, _y0, _y1;        // the source pixels each output column/row interpolates between
    private readonly float[] _wx, _wy;                 // and the weight of the second one

    public ByteImageAugmentation(int size)
    {
        _size = size;
        _plane = size * size;
        (_source, _pixels, _row) = (new float[3 * _plane], new float[3 * _plane], new float[size]);
        (_x0, _x1, _y0, _y1) = (new int[size], new int[size], new int[size], new int[size]);
        (_wx, _wy) = (new float[size], new float[size]);
    }

    /// <summary>One image's random parameters: crop side and centre offsets in [-1, 1] grid units, colour factors.</summary>
    public readonly record struct Draw(double Side, double OffsetX, double OffsetY, float Brightness, float Contrast, float Saturation)
    {
        public static readonly Draw Identity = new(1, 0, 0, 1, 1, 1);

        /// <summary>Six draws, in the order the torch implementation drew them.</summary>
        public static Draw Next(Random rng)
        {
            var side = Math.Sqrt(MinArea + (1 - MinArea) * rng.NextDouble());   // crop side / image side
            var room = 1 - side;
            var x = (2 * rng.NextDouble() - 1) * room;
            var y = (2 * rng.NextDouble() - 1) * room;
            return new Draw(side, x, y, Factor(rng), Factor(rng), Factor(rng));
        }

        private static float Factor(Random rng) => (float)(1 + Jitter * (2 * rng.NextDouble() - 1));
    }

    /// <summary>Augments <paramref name="count"/> (3, S, S) images laid end to end, in place; each draws its own parameters.</summary>
    public void Apply(Span<byte> images, int count, Random rng)
    {
        var bytes = 3 * _plane;
        if (images.Length < count * bytes)
            throw new ArgumentException($"{count} images of 3x{_size}x{_size} need {count * bytes} bytes, got {images.Length}", nameof(images));
        for (var i = 0; i < count; i++) Apply(images.Slice(i * bytes, bytes), Draw.Next(rng));
    }

    /// <summary>Augments one (3, S, S) image in place with the given parameters.</summary>
    public void Apply(Span<byte> image, Draw draw)
    {
        for (var i = 0; i < _source.Length; i++) _source[i] = image[i];
        Grid(draw.Side, draw.OffsetX, _x0, _x1, _wx);
        Grid(draw.Side, draw.OffsetY, _y0, _y1, _wy);
        for (var c = 0; c < 3; c++) Resample(c, draw.Brightness);
        Contrast(draw.Contrast);
        Saturation(draw.Saturation);
        for (var i = 0; i < _pixels.Length; i++) image[i] = (byte)(_pixels[i] + 0.5f);   // in [0, 255]: round half up
    }

    /// <summary>
    /// Where output index j samples along one axis: affine_grid's normalised coordinate (2j+1)/S - 1, scaled by the
    /// crop side and shifted, then grid_sample's unnormalisation ((g+1)S - 1)/2 and border clamp, folded into one line.
    /// </summary>
    private void Grid(double side, double offset, int[] first, int[] second, float[] weight)
    {
        for (var j = 0; j < _size; j++)
        {
            var at = Math.Clamp(side * (j + 0.5) - 0.5 + (1 - side + offset) * _size / 2, 0, _size - 1);
            first[j] = (int)at;
            second[j] = Math.Min(first[j] + 1, _size - 1);
            weight[j] = (float)(at - first[j]);
        }
    }

    /// <summary>One channel: rows interpolated vertically (vectorised), then columns gathered, times brightness, clamped.</summary>
    private void Resample(int channel, float brightness)
    {
        var plane = _source.AsSpan(channel * _plane, _plane);
        for (var i = 0; i < _size; i++)
        {
            Lerp(plane.Slice(_y0[i] * _size, _size), plane.Slice(_y1[i] * _size, _size), _wy[i], _row);
            var output = _pixels.AsSpan(channel * _plane + i * _size, _size);
            for (var j = 0; j < _size; j++)
            {
                var (a, b) = (_row[_x0[j]], _row[_x1[j]]);
                output[j] = Math.Clamp((a + _wx[j] * (b - a)) * brightness, 0f, 255f);
            }
        }
    }

    private static void Lerp(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float t, Span<float> result)
    {
        var n = Vector<float>.Count;
        var j = 0;
        for (; j <= a.Length - n; j += n)
        {
            var va = new Vector<float>(a[j..]);
            (va + (new Vector<float>(b[j..]) - va) * t).CopyTo(result[j..]);
        }
        for (; j < a.Length; j++) result[j] = a[j] + t * (b[j] - a[j]);
    }

    /// <summary>Scales every channel's distance from the image's mean grey.</summary>
    private void Contrast(float factor)
    {
        Span<float> r = Plane(0), g = Plane(1), b = Plane(2);
        var n = Vector<float>.Count;
        var sum = Vector<float>.Zero;
        var p = 0;
        for (; p <= _plane - n; p += n) sum += Grey(new Vector<float>(r[p..]), new Vector<float>(g[p..]), new Vector<float>(b[p..]));
        var total = Vector.Sum(sum);
        for (; p < _plane; p++) total += Red * r[p] + Green * g[p] + Blue * b[p];
        var mean = total / _plane;
        var all = _pixels.AsSpan();
        var i = 0;
        for (; i <= all.Length - n; i += n) Clamp((new Vector<float>(all[i..]) - new Vector<float>(mean)) * factor + new Vector<float>(mean)).CopyTo(all[i..]);
        for (; i < all.Length; i++) all[i] = Math.Clamp((all[i] - mean) * factor + mean, 0f, 255f);
    }

    /// <summary>Scales each pixel's channels' distance from that pixel's grey.</summary>
    private void Saturation(float factor)
    {
        Span<float> r = Plane(0), g = Plane(1), b = Plane(2);
        var n = Vector<float>.Count;
        var p = 0;
        for (; p <= _plane - n; p += n)
        {
            var (vr, vg, vb) = (new Vector<float>(r[p..]), new Vector<float>(g[p..]), new Vector<float>(b[p..]));
            var grey = Grey(vr, vg, vb);
            Clamp((vr - grey) * factor + grey).CopyTo(r[p..]);
            Clamp((vg - grey) * factor + grey).CopyTo(g[p..]);
            Clamp((vb - grey) * factor + grey).CopyTo(b[p..]);
        }
        for (; p < _plane; p++)
        {
            var grey = Red * r[p] + Green * g[p] + Blue * b[p];
            (r[p], g[p], b[p]) = (Math.Clamp((r[p] - grey) * factor + grey, 0f, 255f),
                Math.Clamp((g[p] - grey) * factor + grey, 0f, 255f), Math.Clamp((b[p] - grey) * factor + grey, 0f, 255f));
        }
    }

    private Span<float> Plane(int channel) => _pixels.AsSpan(channel * _plane, _plane);

    private static Vector<float> Grey(Vector<float> r, Vector<float> g, Vector<float> b) => r * Red + g * Green + b * Blue;

    private static Vector<float> Clamp(Vector<float> v) => Vector.Min(Vector.Max(v, Vector<float>.Zero), new Vector<float>(255f));
}
