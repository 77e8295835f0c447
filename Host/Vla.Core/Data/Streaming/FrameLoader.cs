using Vla.Abstractions;

namespace Vla.Core.Data.Streaming;

/// <summary>
/// Fills batch buffers (one (B, 3, S, S) byte buffer per camera) from the cache, or from the store on a miss; a frame
/// the store returns at another size is resized exactly as the in-memory path resizes (<see cref="FrameLayout"/>).
/// </summary>
internal sealed class FrameLoader
{
    private readonly IFrameStore _store;
    private readonly SampleTable _samples;
    private readonly IReadOnlyList<string> _cameras;
    private readonly int _size, _height, _width;
    private readonly byte[] _scratch;   // a frame's slot when the cache keeps none

    public FrameLoader(IFrameStore store, SampleTable samples, IReadOnlyList<string> cameras, int size, long cacheBytes)
    {
        (_store, _samples, _cameras, _size) = (store, samples, cameras, size);
        (_height, _width) = (store.Episodes[0].Height, store.Episodes[0].Width);
        FrameBytes = 3 * size * size;
        Cache = new FrameCache(cacheBytes, FrameBytes * cameras.Count);
        _scratch = new byte[FrameBytes * cameras.Count];
    }

    /// <summary>Bytes of one camera's frame at the recipe's size.</summary>
    public int FrameBytes { get; }

    public FrameCache Cache { get; }

    public void Fill(IReadOnlyList<int> frames, byte[][] images, CancellationToken cancel)
    {
        for (var i = 0; i < frames.Count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var decoded = Decoded(frames[i]).Span;
            for (var c = 0; c < _cameras.Count; c++)
                decoded.Slice(c * FrameBytes, FrameBytes).CopyTo(images[c].AsSpan(i * FrameBytes, FrameBytes));
        }
    }

    /// <summary>Every camera's CHW frame, side by side.</summary>
    private Memory<byte> Decoded(int frame)
    {
        if (Cache.TryGet(frame, out var cached)) return cached;
        var (episode, step) = _samples.Locate(frame);
        var slot = Cache.Add(frame);
        if (slot.IsEmpty) slot = _scratch;
        for (var c = 0; c < _cameras.Count; c++)
            Chw(_store.ReadFrame(episode, step, _cameras[c]), slot.Span.Slice(c * FrameBytes, FrameBytes), episode, step, _cameras[c]);
        return slot;
    }

    private void Chw(byte[] hwc, Span<byte> chw, int episode, int step, string camera)
    {
        if (hwc.Length != _height * _width * 3)
            throw new VlaException($"{_store.Episodes[episode].Source}: camera '{camera}' step {step} has {hwc.Length} bytes, expected {_height}x{_width}x3",
                "every frame of a dataset must have the same size");
        if (_height == _size && _width == _size)
        {
            FrameLayout.Transpose(hwc, chw, _size);
            return;
        }
        using var resized = FrameLayout.ToChw(hwc, 1, _height, _width, _size);
        resized.data<byte>().ToArray().CopyTo(chw);
    }
}
