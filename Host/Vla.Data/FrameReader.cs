using Vla.Abstractions;

namespace Vla.Data;

/// <summary>
/// Reads (T, H, W, 3) uint8 camera datasets into T frames, resized to the target size as they are split off.
/// One instance per dataset read: it keeps one grow-only read buffer and the resizers, because allocating fresh
/// multi-megabyte arrays per demo and camera made reading 3-20x slower here (large-object allocation and zeroing; on
/// this kind of VM a never-touched page costs ~20 us to fault in, ~5 s per GB). Frames are read a block of rows at a
/// time (up to <see cref="BlockBytes"/>, whole chunks), so the buffer stays small and warm however long the episode
/// (an ALOHA camera is 400 x 480 x 640 x 3 = 369 MB).
/// </summary>
internal sealed class FrameReader(int? size)
{
    internal const int BlockBytes = 16 << 20;

    private byte[] _buffer = [];
    private readonly Dictionary<(int, int), AreaResizer> _resizers = new();

    public (int Height, int Width, byte[][] Frames) Read(H5DatasetView set, int length, string actionsKey)
    {
        var (h, w) = Check(set, length, actionsKey);
        set.RequireBytes();
        var frameBytes = checked(h * w * 3);
        AreaResizer? resizer = null;
        if (size is not null && (size != h || size != w) && !_resizers.TryGetValue((h, w), out resizer))
            _resizers[(h, w)] = resizer = new AreaResizer(h, w, size.Value, size.Value);
        var chunkRows = Math.Max(1, set.RowsPerChunk);
        var block = Math.Max(1, BlockBytes / frameBytes);
        block = Math.Min(length, Math.Max(chunkRows, block / chunkRows * chunkRows));
        if (_buffer.Length < block * frameBytes) _buffer = new byte[checked(block * frameBytes)];
        var frames = new byte[length][];
        for (var t0 = 0; t0 < length; t0 += block)
        {
            var n = Math.Min(block, length - t0);
            set.ReadRows(_buffer.AsMemory(0, n * frameBytes), (ulong)t0, (ulong)n);
            for (var i = 0; i < n; i++)
                frames[t0 + i] = resizer is null
                    ? Copy(_buffer.AsSpan(i * frameBytes, frameBytes))
                    : resizer.Resize(_buffer, i * frameBytes);
        }
        return resizer is null ? (h, w, frames) : (size!.Value, size.Value, frames);
    }

    // Not zeroed first: every byte is overwritten (zeroing was ~30% of reading a LIBERO file into memory).
    private static byte[] Copy(ReadOnlySpan<byte> frame)
    {
        var copy = GC.AllocateUninitializedArray<byte>(frame.Length);
        frame.CopyTo(copy);
        return copy;
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
