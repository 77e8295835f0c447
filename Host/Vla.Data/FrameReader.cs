using Vla.Abstractions;

namespace Vla.Data;

/// <summary>
/// Reads (T, H, W, 3) uint8 camera datasets into T frames, resized to the target size as they are split off.
/// One instance per dataset read: it keeps one grow-only read buffer and the resizers, because allocating a fresh
/// multi-megabyte array per demo and camera made reading 3-20x slower here (large-object allocation and zeroing).
/// </summary>
internal sealed class FrameReader(int? size)
{
    private byte[] _buffer = [];
    private readonly Dictionary<(int, int), AreaResizer> _resizers = new();

    public (int Height, int Width, byte[][] Frames) Read(H5DatasetView set, int length, string actionsKey)
    {
        var (h, w) = Check(set, length, actionsKey);
        var frameBytes = checked(h * w * 3);
        var total = checked(length * frameBytes);
        if (_buffer.Length < total) _buffer = new byte[total];
        set.ReadBytes(_buffer.AsMemory(0, total));
        var frames = new byte[length][];
        if (size is null || (size == h && size == w))
        {
            for (var t = 0; t < length; t++) frames[t] = _buffer.AsSpan(t * frameBytes, frameBytes).ToArray();
            return (h, w, frames);
        }
        if (!_resizers.TryGetValue((h, w), out var resizer))
            _resizers[(h, w)] = resizer = new AreaResizer(h, w, size.Value, size.Value);
        for (var t = 0; t < length; t++) frames[t] = resizer.Resize(_buffer, t * frameBytes);
        return (size.Value, size.Value, frames);
    }

    /// <summary>The stored frame size of a (T, H, W, 3) camera dataset with one frame per action, checking the shape only.</summary>
    public static (int Height, int Width) Check(H5DatasetView set, int length, string actionsKey)
    {
        var dims = set.RequireRank("(T, H, W, 3)", 4);
        if (dims[3] != 3)
            throw new VlaException($"{set.File}: '{set.Key}' has shape {set.ShapeText}, expected (T, H, W, 3) RGB",
                "depth or grey images are not supported as cameras");
        if (dims[0] != (ulong)length)
            throw new VlaException($"{set.File}: '{set.Key}' has {dims[0]} frames but '{actionsKey}' has {length} steps",
                "every camera must have one frame per action");
        var (h, w) = (checked((int)dims[1]), checked((int)dims[2]));
        if (h == 0 || w == 0) throw new VlaException($"{set.File}: '{set.Key}' has empty frames {set.ShapeText}");
        return (h, w);
    }
}
