using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using PureHDF;
using PureHDF.VOL.Native;

namespace Vla.Data;

/// <summary>
/// An HDF5 file as PureHDF reads it: small reads (object headers, B-trees, chunk indexes) through one reused 64 KiB
/// buffer, large ones straight into the caller's memory (one pread, no copy). It also tells <see cref="H5DirectRows"/>
/// where dataset bytes sit in the file: PureHDF calls <see cref="ReadDataset"/> (its public <see cref="IDatasetStream"/>
/// hook) exactly when it reads a dataset's stored bytes, at the stream's position. Not thread-safe (nor is PureHDF over a
/// stream): one reader at a time, as the import and the streaming store read.
/// </summary>
internal sealed class H5ReadStream : Stream, IDatasetStream
{
    private const int BufferSize = 1 << 16;

    private readonly SafeFileHandle _handle;
    private readonly byte[] _buffer = new byte[BufferSize];
    private long _bufferStart;
    private int _bufferCount;
    private long _position;

    // While recording (Probe): the dataset reads PureHDF made. While deferring (a chunk lookup): a dataset read of
    // exactly _deferLength bytes is noted and tagged instead of performed.
    private List<(long Position, int Length)>? _recorded;
    private int _deferLength;
    private DeferredRead? _deferred;

    /// <summary>Tests only: runs right after a deferred read is tagged (e.g. a collection that moves the tagged buffer).</summary>
    internal Action? AfterTagging { get; set; }

    public H5ReadStream(string file) =>
        _handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read);

    /// <summary>Opens <paramref name="file"/> with PureHDF reading through a new stream (closed with the file).</summary>
    public static (NativeFile File, H5ReadStream Stream) Open(string file)
    {
        var stream = new H5ReadStream(file);
        try
        {
            return (H5File.Open(stream), stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    // Asked each time: a file truncated while open must fail reads, not serve a stale length.
    public override long Length => RandomAccess.GetLength(_handle);

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => Length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (destination.Length >= BufferSize)
        {
            var direct = RandomAccess.Read(_handle, destination, _position);
            _position += direct;
            return direct;
        }
        if (_position < _bufferStart || _position >= _bufferStart + _bufferCount)
        {
            _bufferStart = _position;
            _bufferCount = RandomAccess.Read(_handle, _buffer, _position);
            if (_bufferCount == 0) return 0;
        }
        var offset = (int)(_position - _bufferStart);
        var count = Math.Min(destination.Length, _bufferCount - offset);
        _buffer.AsSpan(offset, count).CopyTo(destination);
        _position += count;
        return count;
    }

    /// <summary>PureHDF reading stored dataset bytes at <see cref="Position"/> (its <see cref="IDatasetStream"/> hook).</summary>
    public void ReadDataset(Span<byte> buffer)
    {
        _recorded?.Add((_position, buffer.Length));
        if (_deferLength > 0 && buffer.Length == _deferLength && _deferred is null)
        {
            // Not read: H5DirectRows reads these bytes itself, straight to where they belong, if PureHDF returns this
            // very buffer unchanged (then they are the chunk as stored). The tag tells it whether it did.
            var tag = Guid.NewGuid();
            MemoryMarshal.Write(buffer, in tag);
            _deferred = new DeferredRead(_position, buffer.Length, Address(buffer), tag, GC.CollectionCount(0));
            _position += buffer.Length;
            AfterTagging?.Invoke();
            return;
        }
        this.ReadExactly(buffer);
    }

    /// <summary>Reads exactly <paramref name="destination"/>'s length at <paramref name="position"/>, bypassing the buffer.</summary>
    public void ReadAt(long position, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(_handle, destination, position);
            if (read == 0)
                throw new EndOfStreamException($"the file ends at {Length} bytes, before the data at {position}");
            destination = destination[read..];
            position += read;
        }
    }

    /// <summary>Runs <paramref name="read"/> and returns the dataset reads PureHDF made meanwhile (position, length).</summary>
    public List<(long Position, int Length)> Record(Action read)
    {
        _recorded = [];
        try
        {
            read();
            return _recorded;
        }
        finally
        {
            _recorded = null;
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> (PureHDF fetching one chunk) with its first dataset read of exactly
    /// <paramref name="length"/> bytes noted and tagged instead of performed; returns that read, or null when none was.
    /// </summary>
    public DeferredRead? Deferring(int length, Action read)
    {
        (_deferLength, _deferred) = (length, null);
        try
        {
            read();
            return _deferred;
        }
        finally
        {
            (_deferLength, _deferred) = (0, null);
        }
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _handle.Dispose();
        base.Dispose(disposing);
    }

    internal static unsafe nint Address(ReadOnlySpan<byte> span) => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
}

/// <summary>
/// A dataset read <see cref="H5ReadStream.Deferring"/> did not perform: where, how long, into which buffer (its address
/// then), the tag it wrote there, and how many garbage collections had run by then.
/// </summary>
internal sealed record DeferredRead(long Position, int Length, nint Buffer, Guid Tag, int Collections)
{
    /// <summary>Whether <paramref name="chunk"/> is the deferred buffer itself, unchanged: then the chunk is stored as is at <see cref="Position"/>.</summary>
    public bool IsUntouched(ReadOnlyMemory<byte> chunk) =>
        chunk.Length == Length && H5ReadStream.Address(chunk.Span) == Buffer && IsTagged(chunk);

    /// <summary>
    /// Whether <see cref="IsUntouched"/> could not tell: <paramref name="chunk"/> carries the tag at another address, and a
    /// collection ran since the tag was written, which may have moved the (unpinned) buffer rather than a filter copying it.
    /// </summary>
    public bool IsUndecided(ReadOnlyMemory<byte> chunk) =>
        chunk.Length == Length && IsTagged(chunk) && H5ReadStream.Address(chunk.Span) != Buffer && GC.CollectionCount(0) != Collections;

    private bool IsTagged(ReadOnlyMemory<byte> chunk) => MemoryMarshal.Read<Guid>(chunk.Span) == Tag;
}
