using System.Collections.Concurrent;

namespace Vla.Core.Data.Streaming;

/// <summary>
/// Reused batch buffers, allocated pinned (on the pinned object heap): a batch is copied into a tensor straight from
/// them, and reuse keeps the worker from allocating ~1 MB of large objects per batch. Rented by the worker, returned by
/// the trainer once the batch's tensors are made.
/// </summary>
internal sealed class PinnedBuffers(int keep)
{
    private readonly ConcurrentBag<byte[]> _free = new();

    public byte[] Rent(int length)
    {
        // Sizes differ only for the last validation chunk: a mismatched buffer is dropped, not kept.
        while (_free.TryTake(out var buffer))
            if (buffer.Length == length) return buffer;
        return GC.AllocateUninitializedArray<byte>(length, pinned: true);
    }

    public void Return(byte[] buffer)
    {
        if (_free.Count < keep) _free.Add(buffer);
    }
}
