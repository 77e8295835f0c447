namespace Vla.Core.Data.Streaming;

/// <summary>
/// A dataset too large to hold decoded: every episode's small data (instruction, actions, proprio, chunk labels) is in
/// memory, its camera frames are read one at a time when a batch needs them. What `vla train --stream` trains from;
/// Vla.Data implements it over HDF5 files.
/// </summary>
/// <remarks>One thread at a time reads frames (the streaming source's worker), so implementations may keep
/// per-reader scratch buffers and open files without locking.</remarks>
public interface IFrameStore : IDisposable
{
    /// <summary>Every episode in training order, with <see cref="Episode.Frames"/> empty; Height and Width are the size
    /// <see cref="ReadFrame"/> returns. Statistics and the tokenizer are computed from these.</summary>
    IReadOnlyList<Episode> Episodes { get; }

    /// <summary>The cameras <see cref="ReadFrame"/> can read.</summary>
    IReadOnlyList<string> Cameras { get; }

    /// <summary>One frame, Height*Width*3 bytes (interleaved RGB, top row first). Failures are VlaExceptions naming
    /// the file and the key.</summary>
    byte[] ReadFrame(int episode, int step, string camera);
}
