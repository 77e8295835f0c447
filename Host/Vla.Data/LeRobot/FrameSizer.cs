namespace Vla.Data.LeRobot;

/// <summary>
/// Turns decoded RGB frames into episode frames: copied at native size, or area-resized to Size x Size right away so
/// only small frames stay in memory (as the HDF5 readers do). Keeps one <see cref="AreaResizer"/> per source size.
/// </summary>
internal sealed class FrameSizer(int? size)
{
    private readonly Dictionary<(int, int), AreaResizer> _resizers = new();

    public (int Height, int Width) Output(int height, int width) => size is { } s ? (s, s) : (height, width);

    public byte[] Take(byte[] source, int offset, int height, int width)
    {
        if (size is null || (size == height && size == width)) return source.AsSpan(offset, height * width * 3).ToArray();
        if (!_resizers.TryGetValue((height, width), out var resizer))
            _resizers[(height, width)] = resizer = new AreaResizer(height, width, size.Value, size.Value);
        return resizer.Resize(source, offset);
    }
}
