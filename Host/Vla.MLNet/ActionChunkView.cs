using Microsoft.ML;

namespace Vla.MLNet;

/// <summary>The lazy result of <see cref="VlaPolicyTransformer.Transform"/>: chunks are computed only when read.</summary>
internal sealed class ActionChunkView(IDataView input, ChunkMapping mapping) : IDataView
{
    public bool CanShuffle => input.CanShuffle;

    public DataViewSchema Schema => mapping.OutputSchema;

    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        var cursor = input.GetRowCursor(mapping.InputColumnsFor(needed), rand);
        return new ActionChunkCursor(cursor, mapping, needed.Any(mapping.IsOutput));
    }

    /// <summary>One cursor: the policy runs one row at a time anyway.</summary>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
