using Vla.Abstractions;

namespace Vla.Core.Data.Streaming;

/// <summary>How a streaming training source bounds its memory and how far it reads ahead.</summary>
/// <param name="CacheBytes">decoded frames kept for reuse (least recently used dropped first); the source's memory is
/// this plus <paramref name="ReadAhead"/> batches plus the small per-frame data</param>
/// <param name="ReadAhead">batches the worker may have ready before the trainer takes them</param>
public sealed record StreamingOptions(long CacheBytes = StreamingOptions.DefaultCacheBytes, int ReadAhead = 4)
{
    public const long DefaultCacheBytes = 1L << 30;

    /// <summary>Throws naming the bad property.</summary>
    public StreamingOptions Validate()
    {
        if (CacheBytes < 0) throw new VlaException($"StreamingOptions.CacheBytes must be >= 0, got {CacheBytes}", "0 turns the cache off");
        if (ReadAhead is < 1 or > 64) throw new VlaException($"StreamingOptions.ReadAhead must be in [1, 64], got {ReadAhead}");
        return this;
    }
}
