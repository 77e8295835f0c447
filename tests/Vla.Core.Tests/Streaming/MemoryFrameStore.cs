using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Data.Streaming;

namespace Vla.Core.Tests.Streaming;

/// <summary>An <see cref="IFrameStore"/> over in-memory episodes, counting reads, optionally slow or failing at one frame.</summary>
internal sealed class MemoryFrameStore(IReadOnlyList<Episode> episodes) : IFrameStore
{
    private static readonly IReadOnlyDictionary<string, byte[][]> NoFrames = new Dictionary<string, byte[][]>();

    public IReadOnlyList<Episode> Episodes { get; } = episodes.Select(e => e with { Frames = NoFrames }).ToList();

    public IReadOnlyList<string> Cameras { get; } = episodes[0].Frames.Keys.ToList();

    /// <summary>Reading this (episode, step) throws as a damaged file would.</summary>
    public (int Episode, int Step)? FailAt { get; init; }

    public TimeSpan Delay { get; init; }

    public int Reads => Volatile.Read(ref _reads);

    public bool Disposed { get; private set; }

    private int _reads;

    public byte[] ReadFrame(int episode, int step, string camera)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        if (FailAt == (episode, step))
            throw new VlaException($"/data/task_{episode}.hdf5: cannot read 'data/demo_{episode}/obs/{camera}_rgb': unexpected end of file");
        if (Delay > TimeSpan.Zero) Thread.Sleep(Delay);
        Interlocked.Increment(ref _reads);
        return episodes[episode].Frames[camera][step];
    }

    public void Dispose() => Disposed = true;
}
