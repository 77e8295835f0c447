using Parquet;
using Parquet.Data;
using Parquet.Schema;
using Vla.Abstractions;

namespace Vla.Data.LeRobot;

/// <summary>
/// One Parquet file read whole columns at a time (all row groups concatenated) with Parquet.Net. Knows the two shapes
/// LeRobot's Hugging Face `datasets` writer produces: scalars (`Value`) and one-level lists (`Sequence`/fixed-size
/// lists are stored as Parquet LISTs), plus the image struct {bytes, path}. Every failure is a <see cref="VlaException"/>
/// naming the file and the column; nothing Parquet.Net throws escapes raw.
/// </summary>
internal sealed class ParquetFile : IDisposable
{
    private readonly ParquetReader _reader;

    private ParquetFile(string file, ParquetReader reader) => (File, _reader) = (file, reader);

    public string File { get; }

    public long RowCount => _reader.RowGroups.Sum(g => g.RowCount);

    public IReadOnlyList<string> Columns => _reader.Schema.Fields.Select(f => f.Name).ToList();

    public static ParquetFile Open(string file, string role)
    {
        if (!System.IO.File.Exists(file))
            throw new VlaException($"{file}: {role} file not found", "the dataset is incomplete: re-download it (meta/info.json names the file layout)");
        if (new FileInfo(file).Length == 0)
            throw new VlaException($"{file}: the {role} file is empty", "an interrupted download or write: re-download or regenerate it");
        return new ParquetFile(file, Guard(file, "(footer)", () => ParquetReader.CreateAsync(file)));
    }

    public bool Has(string column) => _reader.Schema.Fields.Any(f => f.Name == column);

    /// <summary>Numeric vectors per row: a list column of D numbers per row, or a numeric scalar column (D = 1).</summary>
    public float[][] Vectors(string column)
    {
        var (leaf, isList) = NumericLeaf(column);
        var rows = new List<float[]>((int)RowCount);
        var row = new List<float>();
        foreach (var group in _reader.RowGroups)
        {
            var raw = Guard(File, column, () => group.ReadRawColumnDataBaseAsync(leaf).AsTask());
            using (raw)
            {
                var values = Numbers(raw, column);
                var levels = Levels.Of(raw, leaf, values.Length);
                for (var i = 0; i < levels.Count; i++)
                {
                    if (!isList || levels.Repetition(i) == 0)
                    {
                        if (i > 0) rows.Add([.. row]);
                        row.Clear();
                    }
                    var index = levels.ValueIndex(i);
                    if (index >= 0) row.Add((float)values[index]);
                    else if (!isList || (leaf.IsNullable && levels.Definition(i) == leaf.MaxDefinitionLevel - 1))
                        throw Null(column, rows.Count);
                    // else: an empty (or null) list: the row stays empty and the caller reports its length
                }
                if (levels.Count > 0) rows.Add([.. row]);
                row.Clear();
            }
        }
        return rows.ToArray();
    }

    /// <summary>A numeric scalar column as doubles (int64 indices are exact below 2^53).</summary>
    public double[] Scalars(string column)
    {
        var (leaf, isList) = NumericLeaf(column);
        if (isList) throw new VlaException($"{File}: column '{column}' holds lists, expected one number per row");
        var all = new List<double>((int)RowCount);
        foreach (var group in _reader.RowGroups)
        {
            using var raw = Guard(File, column, () => group.ReadRawColumnDataBaseAsync(leaf).AsTask());
            var values = Numbers(raw, column);
            var levels = Levels.Of(raw, leaf, values.Length);
            for (var i = 0; i < levels.Count; i++)
            {
                var index = levels.ValueIndex(i);
                if (index < 0) throw Null(column, all.Count);
                all.Add(values[index]);
            }
        }
        return all.ToArray();
    }

    public long[] Integers(string column)
    {
        var values = Scalars(column);
        var result = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != Math.Floor(values[i]))
                throw new VlaException($"{File}: column '{column}' has the non-integer {values[i]} at row {i}", "indices must be whole numbers");
            result[i] = (long)values[i];
        }
        return result;
    }

    /// <summary>A string column (nulls allowed, returned as null).</summary>
    public string?[] Strings(string column)
    {
        var leaf = Leaf(column, expectList: false);
        return ReadStrings(leaf, column).Select(v => v.Value).ToArray();
    }

    /// <summary>A list-of-strings column (e.g. an episode's tasks), one array per row.</summary>
    public string[][] StringLists(string column)
    {
        var leaf = Leaf(column, expectList: true);
        var rows = new List<string[]>();
        var row = new List<string>();
        foreach (var (value, repetition, first) in ReadStrings(leaf, column))
        {
            if (repetition == 0 && !first) rows.Add([.. row]);
            if (repetition == 0) row.Clear();
            if (value is not null) row.Add(value);
        }
        if (RowCount > 0) rows.Add([.. row]);
        return rows.ToArray();
    }

    /// <summary>The Hugging Face `Image` struct {bytes: binary, path: string} of each row.</summary>
    public (byte[]? Bytes, string? Path)[] Images(string column)
    {
        var field = _reader.Schema.Fields.FirstOrDefault(f => f.Name == column) ?? throw Missing(column);
        if (field is not StructField s || s.Fields.FirstOrDefault(f => f.Name == "bytes") is not DataField bytesField)
            throw new VlaException($"{File}: column '{column}' is not an image struct {{bytes, path}}",
                "LeRobot stores `image` features as Hugging Face Image structs; re-export the dataset with LeRobot");
        var bytes = Cells(bytesField, column).Select(c => c.Value switch
        {
            null => null,
            ReadOnlyMemory<byte> b => b.ToArray(),
            var other => throw new VlaException($"{File}: column '{column}.bytes' holds {other.GetType().Name}, expected binary"),
        }).ToList();
        var paths = s.Fields.FirstOrDefault(f => f.Name == "path") is DataField pathField
            ? Cells(pathField, column).Select(c => c.Value?.ToString()).ToList()
            : Enumerable.Repeat<string?>(null, bytes.Count).ToList();
        return bytes.Zip(paths, (b, p) => (b, p)).ToArray();
    }

    public void Dispose() => Task.Run(() => _reader.DisposeAsync().AsTask()).GetAwaiter().GetResult();

    private IEnumerable<(string? Value, int Repetition, bool First)> ReadStrings(DataField leaf, string column)
    {
        if (leaf.ClrType != typeof(ReadOnlyMemory<char>) && leaf.ClrType != typeof(string))
            throw new VlaException($"{File}: column '{column}' holds {TypeName(leaf.ClrType)} values, expected text");
        var first = true;
        foreach (var (value, repetition) in Cells(leaf, column))
        {
            yield return (value?.ToString(), repetition, first);
            first = false;
        }
    }

    /// <summary>Every level of a column (all row groups): its value (null when undefined) and repetition level.</summary>
    private List<(object? Value, int Repetition)> Cells(DataField leaf, string column)
    {
        var cells = new List<(object?, int)>();
        foreach (var group in _reader.RowGroups)
        {
            using var raw = Guard(File, column, () => group.ReadRawColumnDataBaseAsync(leaf).AsTask());
            var values = raw switch
            {
                RawColumnData<ReadOnlyMemory<char>> v => v.Values.ToArray().Select(m => (object)m.ToString()).ToArray(),
                RawColumnData<ReadOnlyMemory<byte>> v => v.Values.ToArray().Select(m => (object)m).ToArray(),
                _ => throw new VlaException($"{File}: column '{column}' has an unexpected type {TypeName(leaf.ClrType)}"),
            };
            var levels = Levels.Of(raw, leaf, values.Length);
            for (var i = 0; i < levels.Count; i++)
                cells.Add((levels.ValueIndex(i) is var k and >= 0 ? values[k] : null, levels.Repetition(i)));
        }
        return cells;
    }

    private (DataField Leaf, bool IsList) NumericLeaf(string column)
    {
        var field = _reader.Schema.Fields.FirstOrDefault(f => f.Name == column) ?? throw Missing(column);
        var isList = field is ListField;
        var leaf = Leaf(column, isList);
        if (!IsNumeric(leaf.ClrType))
            throw new VlaException($"{File}: column '{column}' holds {TypeName(leaf.ClrType)} values, expected numbers (float32 or float64)",
                "the column's type does not match a LeRobot numeric feature: check meta/info.json's dtype and re-export the data");
        return (leaf, isList);
    }

    /// <summary>The single data field under a top-level column: itself, or a list's element (one level only).</summary>
    private DataField Leaf(string column, bool expectList)
    {
        var field = _reader.Schema.Fields.FirstOrDefault(f => f.Name == column) ?? throw Missing(column);
        return (field, expectList) switch
        {
            (DataField d, false) when !d.IsArray => d,
            (ListField { Item: DataField item }, true) => item,
            (ListField { Item: ListField }, _) => throw new VlaException($"{File}: column '{column}' is a list of lists (a 2-D or larger feature)",
                "only scalar and 1-D vector features can be read as actions or proprio"),
            (ListField, false) => throw new VlaException($"{File}: column '{column}' holds lists, expected one value per row"),
            (DataField, true) => throw new VlaException($"{File}: column '{column}' holds single values, expected a list per row"),
            _ => throw new VlaException($"{File}: column '{column}' is a {field.SchemaType} column, which is not supported here"),
        };
    }

    private VlaException Missing(string column) => new(
        $"{File}: column '{column}' not found",
        $"the file's columns: {string.Join(", ", Columns)}");

    private VlaException Null(string column, int row) => new(
        $"{File}: column '{column}' has a null at row {row}", "every frame needs a value: drop or repair that row");

    private double[] Numbers(RawColumnData raw, string column) => raw switch
    {
        RawColumnData<float> v => Convert(v.Values, x => x),
        RawColumnData<double> v => Convert(v.Values, x => x),
        RawColumnData<int> v => Convert(v.Values, x => x),
        RawColumnData<long> v => Convert(v.Values, x => x),
        RawColumnData<short> v => Convert(v.Values, x => x),
        RawColumnData<sbyte> v => Convert(v.Values, x => x),
        RawColumnData<byte> v => Convert(v.Values, x => x),
        RawColumnData<ushort> v => Convert(v.Values, x => x),
        RawColumnData<uint> v => Convert(v.Values, x => x),
        RawColumnData<Half> v => Convert(v.Values, x => (double)x),
        _ => throw new VlaException($"{File}: column '{column}' has an unsupported number type ({raw.GetType().GenericTypeArguments.FirstOrDefault()?.Name})"),
    };

    private static double[] Convert<T>(Span<T> values, Func<T, double> convert)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = convert(values[i]);
        return result;
    }

    private static bool IsNumeric(Type t) =>
        t == typeof(float) || t == typeof(double) || t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(sbyte)
        || t == typeof(byte) || t == typeof(ushort) || t == typeof(uint) || t == typeof(Half);

    private static string TypeName(Type t) =>
        t == typeof(ReadOnlyMemory<char>) || t == typeof(string) ? "string"
        : t == typeof(ReadOnlyMemory<byte>) || t == typeof(byte[]) ? "binary"
        : t.Name.ToLowerInvariant();

    /// <summary>Runs a Parquet.Net call; anything it throws becomes an error naming the file and column.</summary>
    private static T Guard<T>(string file, string column, Func<Task<T>> read)
    {
        try
        {
            // Task.Run: no synchronization context to deadlock on while blocking for the result.
            return Task.Run(read).GetAwaiter().GetResult();
        }
        catch (VlaException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new VlaException($"{file}: cannot read Parquet column '{column}': {e.Message}",
                "the file is truncated or not Parquet (an interrupted download or write?): re-download or regenerate it", e);
        }
    }

    private static void Guard(string file, string column, Func<Task> read) => Guard(file, column, async () =>
    {
        await read();
        return 0;
    });

    /// <summary>Definition/repetition levels of one column chunk, and where each level's value sits in the value buffer.</summary>
    private sealed class Levels
    {
        private int[] _definition = [], _repetition = [], _valueIndex = [];

        public int Count { get; private init; }

        public static Levels Of(RawColumnData raw, DataField leaf, int valueCount)
        {
            var definition = leaf.MaxDefinitionLevel > 0 ? raw.DefinitionLevels.ToArray() : null;
            var repetition = leaf.MaxRepetitionLevel > 0 ? raw.RepetitionLevels.ToArray() : null;
            var count = definition?.Length ?? repetition?.Length ?? valueCount;
            var index = new int[count];
            // Values are either packed (non-null only) or one slot per level; both are handled.
            var packed = valueCount != count;
            for (int i = 0, next = 0; i < count; i++)
            {
                var present = definition is null || definition[i] == leaf.MaxDefinitionLevel;
                index[i] = present ? (packed ? next++ : i) : -1;
            }
            return new Levels { _definition = definition ?? [], _repetition = repetition ?? [], _valueIndex = index, Count = count };
        }

        public int Definition(int i) => _definition.Length > 0 ? _definition[i] : 0;

        public int Repetition(int i) => _repetition.Length > 0 ? _repetition[i] : 0;

        public int ValueIndex(int i) => _valueIndex[i];
    }
}
