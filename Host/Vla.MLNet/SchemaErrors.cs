using Microsoft.ML;
using Microsoft.ML.Data;

namespace Vla.MLNet;

/// <summary>
/// Schema problems as ML.NET reports its own (ArgumentOutOfRangeException on "inputSchema"), always naming the
/// column, its role and what was expected, so a pipeline error points at the step to fix.
/// </summary>
internal static class SchemaErrors
{
    public static ArgumentOutOfRangeException Missing(string column, string role, DataViewSchema schema) =>
        new("inputSchema", $"column '{column}' ({role}) is not in the input; columns: {Names(schema.Where(c => !c.IsHidden).Select(c => c.Name))}");

    public static ArgumentOutOfRangeException Missing(string column, string role, SchemaShape shape) =>
        new("inputSchema", $"column '{column}' ({role}) is not in the input; columns: {Names(shape.Select(c => c.Name))}");

    public static ArgumentOutOfRangeException Mismatch(string column, string role, string expected, string actual, string? hint = null) =>
        new("inputSchema", $"column '{column}' ({role}) must be {expected}, but is {actual}{(hint is null ? "" : $"; {hint}")}");

    public static DataViewSchema.Column Find(DataViewSchema schema, string column, string role) =>
        schema.GetColumnOrNull(column) ?? throw Missing(column, role, schema);

    public static SchemaShape.Column Find(SchemaShape shape, string column, string role) =>
        shape.LastOrDefault(c => c.Name == column) is { Name: not null } found ? found : throw Missing(column, role, shape);

    /// <summary>A float vector of known size; returns the size.</summary>
    public static int FloatVector(DataViewSchema.Column column, string role, int? expectedSize, string? sizeHint = null)
    {
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType n, IsKnownSize: true } vector || n != NumberDataViewType.Single)
            throw Mismatch(column.Name, role, $"a known-size vector of Single{Size(expectedSize)}", column.Type.ToString()!);
        if (expectedSize is { } size && vector.Size != size)
            throw Mismatch(column.Name, role, $"a vector of {size} floats{(sizeHint is null ? "" : $" ({sizeHint})")}",
                $"a vector of {vector.Size}");
        return vector.Size;
    }

    public static void FloatVector(SchemaShape.Column column, string role)
    {
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single || column.IsKey)
            throw Mismatch(column.Name, role, "a known-size vector of Single", Describe(column));
    }

    public static string Describe(SchemaShape.Column column) =>
        $"{column.Kind} of {column.ItemType}{(column.IsKey ? " (key)" : "")}";

    private static string Size(int? size) => size is { } s ? $" of size {s}" : "";

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Distinct().Select(n => $"'{n}'"));
}
