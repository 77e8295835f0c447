using Parquet;
using Parquet.Schema;

namespace Vla.Data.LeRobot;

/// <summary>
/// Writes a table with Parquet.Net, one row group per given slice of rows (LeRobot writes one per episode, so readers
/// can fetch an episode without decoding its neighbours). Optional key-value metadata (e.g. pandas' index description).
/// </summary>
internal static class ParquetTableWriter
{
    public static void Write(string file, IReadOnlyList<ParquetColumn> columns, IReadOnlyList<(int Start, int Count)> rowGroups,
        IReadOnlyDictionary<string, string>? metadata = null) =>
        Task.Run(() => WriteAsync(file, columns, rowGroups, metadata)).GetAwaiter().GetResult();

    private static async Task WriteAsync(string file, IReadOnlyList<ParquetColumn> columns, IReadOnlyList<(int Start, int Count)> rowGroups,
        IReadOnlyDictionary<string, string>? metadata)
    {
        var fields = columns.Select(Field).ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using var stream = File.Create(file);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        if (metadata is not null) writer.CustomMetadata = metadata.ToDictionary();
        foreach (var (start, count) in rowGroups)
        {
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < columns.Count; i++) await WriteColumn(group, fields[i], columns[i], start, count);
            group.CompleteValidate();
        }
    }

    private static Field Field(ParquetColumn column) => column switch
    {
        ParquetColumn.Int64 => new DataField<long>(column.Name),
        ParquetColumn.Float32 => new DataField<float>(column.Name),
        ParquetColumn.Float64 => new DataField<double>(column.Name),
        ParquetColumn.Text => new DataField<string>(column.Name),
        ParquetColumn.Float32List => new ListField(column.Name, new DataField<float>("element")),
        ParquetColumn.Float64List => new ListField(column.Name, new DataField<double>("element")),
        ParquetColumn.TextList => new ListField(column.Name, new DataField<string>("element")),
        _ => throw new InvalidOperationException(column.GetType().Name),
    };

    private static Task WriteColumn(ParquetRowGroupWriter group, Field field, ParquetColumn column, int start, int count) => column switch
    {
        ParquetColumn.Int64 c => group.WriteAsync<long>((DataField)field, c.Values.AsMemory(start, count)),
        ParquetColumn.Float32 c => group.WriteAsync<float>((DataField)field, c.Values.AsMemory(start, count)),
        ParquetColumn.Float64 c => group.WriteAsync<double>((DataField)field, c.Values.AsMemory(start, count)),
        ParquetColumn.Text c => group.WriteAsync((DataField)field, c.Values[start..(start + count)], null),
        ParquetColumn.Float32List c => WriteList(group, (DataField)((ListField)field).Item, c.Rows.AsSpan(start, count).ToArray()),
        ParquetColumn.Float64List c => WriteList(group, (DataField)((ListField)field).Item, c.Rows.AsSpan(start, count).ToArray()),
        ParquetColumn.TextList c => WriteTextList(group, (DataField)((ListField)field).Item, c.Rows.AsSpan(start, count).ToArray()),
        _ => throw new InvalidOperationException(column.GetType().Name),
    };

    /// <summary>Rows of numbers: values flattened, repetition 0 opening each row, every value defined (rows are never empty).</summary>
    private static Task WriteList<T>(ParquetRowGroupWriter group, DataField item, T[][] rows) where T : struct
    {
        var values = rows.SelectMany(r => r).ToArray();
        var repetition = rows.SelectMany(r => r.Select((_, i) => i == 0 ? 0 : 1)).ToArray();
        var definition = Enumerable.Repeat(item.MaxDefinitionLevel, values.Length).ToArray();
        return group.WriteAllPartsAsync<T>(item, values, definition, repetition, CancellationToken.None);
    }

    private static Task WriteTextList(ParquetRowGroupWriter group, DataField item, string[][] rows) =>
        group.WriteAsync(item, rows.SelectMany(r => r).ToArray(), rows.SelectMany(r => r.Select((_, i) => i == 0 ? 0 : 1)).ToArray());
}
