namespace Vla.Data.Streaming;

/// <summary>
/// Reads one frame of a (T, H, W, 3) camera dataset and resizes it to the read size with the same area filter the
/// whole-episode <see cref="FrameReader"/> uses, so a streamed frame equals the frame an in-memory read gives.
/// Keeps a one-frame read buffer and the resizers: one instance per reading thread.
/// </summary>
internal sealed class FrameRowReader(int? size)
{
    private byte[] _buffer = [];
    private readonly Dictionary<(int, int), AreaResizer> _resizers = new();

    public byte[] Read(H5DatasetView set, int step, int height, int width)
    {
        var bytes = height * width * 3;
        if (size is null || (size == height && size == width))
        {
            var frame = GC.AllocateUninitializedArray<byte>(bytes);   // the read fills every byte
            set.ReadRows(frame, (ulong)step, 1);
            return frame;
        }
        if (_buffer.Length < bytes) _buffer = new byte[bytes];
        set.ReadRows(_buffer.AsMemory(0, bytes), (ulong)step, 1);
        if (!_resizers.TryGetValue((height, width), out var resizer))
            _resizers[(height, width)] = resizer = new AreaResizer(height, width, size.Value, size.Value);
        return resizer.Resize(_buffer, 0);
    }
}
