using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace Vla.Data;

/// <summary>
/// Reads whole rows (first-dimension slices, e.g. frames of a (T, H, W, 3) camera dataset) of a contiguous or chunked
/// dataset without PureHDF's per-element copy. PureHDF 2.2 copies a selection one innermost run at a time (3 bytes of
/// RGB; measured here ~35-45 MB/s whatever the stream), except for a whole contiguous dataset; and it allocates a fresh
/// array per chunk, which on this kind of VM costs more than the read (a fresh page faults in at ~0.2 GB/s).
/// PureHDF still locates the data, through its public API only:
/// <list type="bullet">
/// <item>contiguous: the file offset is where PureHDF reads the first element (<see cref="H5ReadStream.Record"/>), checked
/// against where it reads the last; rows are then one pread each, straight into the destination.</item>
/// <item>chunked: one PureHDF read of one element per chunk, with a chunk cache (<see cref="IReadingChunkCache"/>) that
/// receives every chunk PureHDF fetches. A chunk stored as is (no filter, or its filters masked off) is not read by PureHDF
/// (<see cref="H5ReadStream.Deferring"/>) but by us, into the destination; a filtered chunk (gzip...) is decoded by PureHDF
/// and its rows copied out. Either way a chunk is read once, and the array PureHDF allocates for a chunk stored as is is
/// never filled (only a 16-byte tag is written to it).</item>
/// </list>
/// Anything else (compact, virtual or external storage, never-written data, a chunk sequence not as planned) returns
/// false and the caller reads through PureHDF as before.
/// </summary>
internal sealed class H5DirectRows
{
    private readonly NativeDataset _dataset;
    private readonly H5ReadStream _stream;
    private readonly ulong[] _dims;
    private readonly ulong[]? _chunkDims;   // null: contiguous
    private readonly int _typeSize;
    private readonly long _rowBytes;
    private bool _probed;
    private long? _contiguousOffset;
    private byte[] _scratch = [];

    private H5DirectRows(NativeDataset dataset, H5ReadStream stream, ulong[] dims, ulong[]? chunkDims, int typeSize)
    {
        (_dataset, _stream, _dims, _chunkDims, _typeSize) = (dataset, stream, dims, chunkDims, typeSize);
        _rowBytes = checked((long)dims.Skip(1).Aggregate(1UL, (a, b) => a * b) * typeSize);
    }

    /// <summary>How reads went, for tests and measurements.</summary>
    public ReadCounts Counts { get; } = new();

    /// <summary>A direct reader, or null when the dataset's storage is not one this class reads (PureHDF then reads it).</summary>
    public static H5DirectRows? For(IH5Dataset dataset, H5ReadStream? stream)
    {
        if (stream is null || dataset is not NativeDataset native) return null;
        var dims = dataset.Space.Dimensions;
        var typeSize = (int)dataset.Type.Size;
        if (dims.Length == 0 || typeSize == 0) return null;
        return dataset.Layout.Class switch
        {
            H5DataLayoutClass.Contiguous => new H5DirectRows(native, stream, dims, null, typeSize),
            H5DataLayoutClass.Chunked when dataset.Layout.Chunks is { } chunks && chunks.Length == dims.Length && chunks.All(c => c > 0)
                => new H5DirectRows(native, stream, dims, chunks, typeSize),
            _ => null,
        };
    }

    /// <summary>Rows that share a chunk (1 when contiguous): reads in multiples of this touch each chunk once.</summary>
    public int RowsPerChunk => _chunkDims is null ? 1 : (int)Math.Min(_chunkDims[0], int.MaxValue);

    /// <summary>Rows [first, first + count) into <paramref name="destination"/> (exactly their bytes); false: not read, use PureHDF.</summary>
    public bool TryRead(Memory<byte> destination, ulong first, ulong count)
    {
        if ((ulong)destination.Length != count * (ulong)_rowBytes)
            throw new ArgumentException($"{count} rows are {count * (ulong)_rowBytes} bytes, the destination holds {destination.Length}");
        if (count == 0 || _rowBytes == 0) return true;
        return _chunkDims is null ? TryReadContiguous(destination.Span, first) : TryReadChunks(destination, first, count, _chunkDims);
    }

    private bool TryReadContiguous(Span<byte> destination, ulong first)
    {
        if (!_probed)
        {
            _contiguousOffset = ProbeContiguous();
            _probed = true;
        }
        if (_contiguousOffset is not { } offset) return false;
        _stream.ReadAt(offset + (long)first * _rowBytes, destination);
        Counts.ContiguousReads++;
        return true;
    }

    // Where PureHDF reads the first and the last element; the data is contiguous if they are exactly the dataset apart.
    private long? ProbeContiguous()
    {
        var last = _dims.Select(d => d - 1).ToArray();
        if (At(new ulong[_dims.Length]) is not { } start || At(last) is not { } end) return null;
        var total = (long)_dims[0] * _rowBytes;
        return end - start == total - _typeSize && end + _typeSize <= _stream.Length ? start : null;

        long? At(ulong[] point)
        {
            var element = new byte[_typeSize];
            var reads = _stream.Record(() => _dataset.Read<byte>(element.AsSpan(), PointSelection(point)));
            return reads is [var only] && only.Length == _typeSize ? only.Position : null;
        }
    }

    private bool TryReadChunks(Memory<byte> destination, ulong first, ulong count, ulong[] chunkDims)
    {
        var rank = _dims.Length;
        var chunkBytes = chunkDims.Aggregate((ulong)_typeSize, (a, b) => a * b);
        if (chunkBytes > int.MaxValue) return false;
        var grid = _dims.Select((d, i) => (d + chunkDims[i] - 1) / chunkDims[i]).ToArray();   // chunks per dimension

        // One point per chunk holding any of the rows, in row-major chunk order (the order PureHDF fetches them in).
        var firstChunk = first / chunkDims[0];
        var lastChunk = (first + count - 1) / chunkDims[0];
        var perRow = grid.Skip(1).Aggregate(1UL, (a, b) => a * b);
        var n = checked((int)((lastChunk - firstChunk + 1) * perRow));
        var points = new ulong[n, rank];
        var origins = new ulong[n][];
        var indexes = new ulong[n];
        var p = 0;
        for (var c0 = firstChunk; c0 <= lastChunk; c0++)
            for (ulong rest = 0; rest < perRow; rest++, p++)
            {
                var origin = new ulong[rank];
                origin[0] = c0 * chunkDims[0];
                var index = c0;
                for (var i = 1; i < rank; i++)
                {
                    var down = grid.Skip(i + 1).Aggregate(1UL, (a, b) => a * b);
                    var ci = rest / down % grid[i];
                    origin[i] = ci * chunkDims[i];
                    index = index * grid[i] + ci;
                }
                origins[p] = origin;
                indexes[p] = index;
                points[p, 0] = Math.Max(origin[0], first);   // inside the rows, so PureHDF accepts it
                for (var i = 1; i < rank; i++) points[p, i] = origin[i];
            }

        var capture = new ChunkCapture(this, destination, first, count, chunkDims, (int)chunkBytes, origins, indexes);
        var elements = new byte[n * _typeSize];
        _dataset.Read<byte>(new H5DatasetAccess(ChunkCache: capture), elements.AsSpan(), new PointSelection(points));
        if (!capture.Complete) return false;
        Counts.RawChunks += capture.Raw;
        Counts.DecodedChunks += n - capture.Raw;
        return true;
    }

    private static PointSelection PointSelection(ulong[] point)
    {
        var points = new ulong[1, point.Length];
        for (var i = 0; i < point.Length; i++) points[0, i] = point[i];
        return new PointSelection(points);
    }

    /// <summary>
    /// The chunk cache handed to PureHDF for one read: it checks each chunk PureHDF fetches is the next one planned, then
    /// puts that chunk's part of the rows into the destination (from the file when stored as is, else from PureHDF's decoded chunk).
    /// </summary>
    private sealed class ChunkCapture(H5DirectRows rows, Memory<byte> destination, ulong first, ulong count, ulong[] chunkDims,
        int chunkBytes, ulong[][] origins, ulong[] indexes) : IReadingChunkCache
    {
        private int _next;
        private bool _failed;

        public int Raw { get; private set; }

        public bool Complete => !_failed && _next == indexes.Length;

        public Memory<byte> GetChunk(ulong chunkIndex, Func<Memory<byte>> chunkReader)
        {
            if (_failed || _next >= indexes.Length || indexes[_next] != chunkIndex)
            {
                _failed = true;   // not as planned: the caller reads through PureHDF instead
                return chunkReader();
            }
            var region = new Region(rows._dims, chunkDims, rows._typeSize, origins[_next++], first, count);
            var chunk = Memory<byte>.Empty;
            DeferredRead? deferred = null;
            var retry = false;
            // A collection between tagging and checking can move PureHDF's buffer; then the check cannot tell a moved
            // buffer from a filter's copy, and the deferred read is simply tried again (rarely needed twice).
            for (var attempt = 0; chunkBytes >= 16 && attempt < 3; attempt++)
            {
                try
                {
                    deferred = rows._stream.Deferring(chunkBytes, () => chunk = chunkReader());
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    retry = true;   // a filter choked on the tagged, unread buffer: read the chunk for real below
                    break;
                }
                if (deferred is null) break;
                if (deferred.IsUntouched(chunk))
                {
                    region.CopyFromFile(rows, deferred.Position, destination.Span);
                    Raw++;
                    return chunk;
                }
                if (!deferred.IsUndecided(chunk)) break;
            }
            if (chunkBytes < 16) chunk = chunkReader();
            if (retry || deferred is not null) chunk = chunkReader();   // the deferred bytes went through a filter
            if (chunk.Length < chunkBytes)
            {
                _failed = true;
                return chunk;
            }
            region.Copy(chunk.Span, destination.Span);
            return chunk;
        }
    }

    /// <summary>
    /// The part of one chunk inside rows [first, first + count): where it starts in the chunk (stored row-major at the full
    /// chunk size) and in the destination (rows × the dataset's other dimensions), and the longest run contiguous in both.
    /// </summary>
    private readonly struct Region
    {
        private readonly long _source, _target, _run;
        private readonly int _outer;                 // dimensions [0, _outer) are walked; the rest is one run
        private readonly ulong[] _extent;
        private readonly long[] _sourceStride, _targetStride;

        public Region(ulong[] dims, ulong[] chunkDims, int typeSize, ulong[] origin, ulong first, ulong count)
        {
            var rank = dims.Length;
            _extent = new ulong[rank];
            var start = new ulong[rank];
            start[0] = Math.Max(origin[0], first);
            _extent[0] = Math.Min(origin[0] + chunkDims[0], first + count) - start[0];
            for (var i = 1; i < rank; i++)
            {
                start[i] = origin[i];
                _extent[i] = Math.Min(chunkDims[i], dims[i] - origin[i]);
            }
            _sourceStride = new long[rank];
            _targetStride = new long[rank];
            _sourceStride[rank - 1] = _targetStride[rank - 1] = typeSize;
            for (var i = rank - 2; i >= 0; i--)
            {
                _sourceStride[i] = _sourceStride[i + 1] * (long)chunkDims[i + 1];
                _targetStride[i] = _targetStride[i + 1] * (long)dims[i + 1];
            }
            _source = 0;
            _target = (long)(start[0] - first) * _targetStride[0];
            for (var i = 0; i < rank; i++) _source += (long)(start[i] - origin[i]) * _sourceStride[i];
            for (var i = 1; i < rank; i++) _target += (long)start[i] * _targetStride[i];
            // Merge trailing dimensions the chunk covers whole, in the chunk and in the dataset alike.
            var j = rank - 1;
            _run = (long)_extent[j] * typeSize;
            while (j > 0 && _extent[j] == chunkDims[j] && _extent[j] == dims[j])
            {
                j--;
                _run *= (long)_extent[j];
            }
            _outer = j;
        }

        /// <summary>From the chunk as stored at <paramref name="position"/>: one pread straight into the destination when the part is one run.</summary>
        public void CopyFromFile(H5DirectRows rows, long position, Span<byte> destination)
        {
            if (_outer == 0)
            {
                rows._stream.ReadAt(position + _source, destination.Slice((int)_target, (int)_run));
                return;
            }
            var chunkBytes = (int)(_sourceStride[0] * (long)rows._chunkDims![0]);
            if (rows._scratch.Length < chunkBytes) rows._scratch = new byte[chunkBytes];
            var chunk = rows._scratch.AsSpan(0, chunkBytes);
            rows._stream.ReadAt(position, chunk);
            Copy(chunk, destination);
        }

        /// <summary>From a chunk in memory (decoded by PureHDF, or read into scratch), run by run.</summary>
        public void Copy(ReadOnlySpan<byte> chunk, Span<byte> destination)
        {
            Span<ulong> index = stackalloc ulong[Math.Max(_outer, 1)];
            index.Clear();
            while (true)
            {
                long source = _source, target = _target;
                for (var i = 0; i < _outer; i++)
                {
                    source += (long)index[i] * _sourceStride[i];
                    target += (long)index[i] * _targetStride[i];
                }
                chunk.Slice((int)source, (int)_run).CopyTo(destination.Slice((int)target, (int)_run));
                var d = _outer - 1;
                while (d >= 0 && ++index[d] == _extent[d]) index[d--] = 0;
                if (d < 0) return;
            }
        }
    }
}

/// <summary>How a dataset's rows were read: contiguous preads, chunks read as stored, chunks PureHDF decoded.</summary>
internal sealed class ReadCounts
{
    public int ContiguousReads { get; set; }

    public int RawChunks { get; set; }

    public int DecodedChunks { get; set; }
}
