using PureHDF;
using Vla.Abstractions;

namespace Vla.Data;

/// <summary>
/// An HDF5 dataset plus its file and key: shape and type checks, and reads that name both when they fail. Byte reads of
/// whole rows go through <see cref="H5DirectRows"/> when the file was opened with an <see cref="H5ReadStream"/>.
/// </summary>
internal sealed class H5DatasetView(string file, string key, IH5Dataset dataset, string hint = H5GroupView.LayoutHint,
    H5ReadStream? stream = null)
{
    private H5DirectRows? _direct;
    private bool _directResolved;

    public string File { get; } = file;

    public string Key { get; } = key;

    public ulong[] Dimensions => Hdf5Guard.Run(File, Key, () => dataset.Space.Dimensions);

    /// <summary>numpy-style name of the element type, for messages (float32, uint8, int64, string...).</summary>
    public string TypeName => Hdf5Guard.Run(File, Key, () => dataset.Type.Class switch
    {
        H5DataTypeClass.FloatingPoint => $"float{dataset.Type.Size * 8}",
        H5DataTypeClass.FixedPoint => $"{(dataset.Type.FixedPoint.IsSigned ? "int" : "uint")}{dataset.Type.Size * 8}",
        var other => other.ToString().ToLowerInvariant(),
    });

    public string ShapeText => $"({string.Join(", ", Dimensions)})";

    /// <summary>Requires one of the given ranks; the message shows the expected layout.</summary>
    public ulong[] RequireRank(string expected, params int[] ranks)
    {
        var dims = Dimensions;
        if (!ranks.Contains(dims.Length))
            throw new VlaException($"{File}: '{Key}' has shape {ShapeText} (rank {dims.Length}), expected {expected}",
                hint);
        return dims;
    }

    /// <summary>All values as float32, row-major; float64 (robomimic's default) is narrowed, anything else refused.</summary>
    public float[] ReadFloats()
    {
        var type = TypeName;
        return type switch
        {
            "float32" => Hdf5Guard.Run(File, Key, () => dataset.Read<float[]>()),
            "float64" => Array.ConvertAll(Hdf5Guard.Run(File, Key, () => dataset.Read<double[]>()), v => (float)v),
            _ => throw new VlaException($"{File}: '{Key}' has dtype {type}, expected float32 or float64",
                "actions and proprio must be floating point"),
        };
    }

    /// <summary>All values into <paramref name="destination"/> (exactly their count), row-major; only uint8 (images).</summary>
    public void ReadBytes(Memory<byte> destination)
    {
        RequireBytes();
        var dims = Dimensions;
        if (dims.Length > 0)
        {
            ReadRows(destination, 0, dims[0]);
            return;
        }
        Hdf5Guard.Run(File, Key, () =>
        {
            dataset.Read(destination);
            return true;
        });
    }

    /// <summary>
    /// Rows [first, first + count) of the first dimension into <paramref name="destination"/> (exactly their size):
    /// a streamed frame reads only its own bytes, not its episode's. Only uint8 (images).
    /// </summary>
    public void ReadRows(Memory<byte> destination, ulong first, ulong count)
    {
        var dims = Dimensions;
        if (first + count > dims[0])
            throw new VlaException($"{File}: '{Key}' has {dims[0]} rows, cannot read rows {first}..{first + count - 1}",
                "the file changed since it was indexed: restart training");
        Hdf5Guard.Run(File, Key, () =>
        {
            if (Direct?.TryRead(destination, first, count) == true) return true;
            var starts = new ulong[dims.Length];
            starts[0] = first;
            var blocks = (ulong[])dims.Clone();
            blocks[0] = count;
            dataset.Read(destination, new PureHDF.Selections.HyperslabSelection(dims.Length, starts, blocks), memoryDims: blocks);
            return true;
        });
    }

    /// <summary>Rows per chunk (1 when not chunked): reading in multiples of it reads (and decompresses) each chunk once.</summary>
    public int RowsPerChunk => Direct?.RowsPerChunk ?? 1;

    /// <summary>How this dataset's reads went (null: every read went through PureHDF's own copy).</summary>
    internal ReadCounts? Counts => Direct?.Counts;

    private H5DirectRows? Direct
    {
        get
        {
            if (!_directResolved)
            {
                _direct = Hdf5Guard.Run(File, Key, () => H5DirectRows.For(dataset, stream));
                _directResolved = true;
            }
            return _direct;
        }
    }

    /// <summary>Refuses any element type but uint8 (what camera images must be).</summary>
    public void RequireBytes()
    {
        var type = TypeName;
        if (type != "uint8")
            throw new VlaException($"{File}: '{Key}' has dtype {type}, expected uint8",
                "camera images must be uint8 RGB, shape (T, H, W, 3)");
    }
}
