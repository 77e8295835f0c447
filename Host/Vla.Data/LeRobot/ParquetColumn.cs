namespace Vla.Data.LeRobot;

/// <summary>A column to write: scalars, or one list per row (stored as a standard 3-level Parquet LIST, as pyarrow does).</summary>
internal abstract record ParquetColumn(string Name)
{
    public sealed record Int64(string Name, long[] Values) : ParquetColumn(Name);

    public sealed record Float32(string Name, float[] Values) : ParquetColumn(Name);

    public sealed record Float64(string Name, double[] Values) : ParquetColumn(Name);

    public sealed record Text(string Name, string[] Values) : ParquetColumn(Name);

    public sealed record Float32List(string Name, float[][] Rows) : ParquetColumn(Name);

    public sealed record Float64List(string Name, double[][] Rows) : ParquetColumn(Name);

    public sealed record TextList(string Name, string[][] Rows) : ParquetColumn(Name);

    public int RowCount => this switch
    {
        Int64 c => c.Values.Length,
        Float32 c => c.Values.Length,
        Float64 c => c.Values.Length,
        Text c => c.Values.Length,
        Float32List c => c.Rows.Length,
        Float64List c => c.Rows.Length,
        TextList c => c.Rows.Length,
        _ => throw new InvalidOperationException(GetType().Name),
    };
}
