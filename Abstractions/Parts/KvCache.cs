namespace Vla.Abstractions;

/// <summary>Keys and values of the positions already decoded; owned by the backbone, disposed by the decoder.</summary>
public abstract class KvCache : IDisposable
{
    /// <summary>Number of positions cached so far.</summary>
    public abstract long Length { get; }

    public abstract void Dispose();
}
