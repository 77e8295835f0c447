using Microsoft.ML;
using Microsoft.ML.Data;

namespace Vla.MLNet;

/// <summary>A cursor over the input whose rows are seen through <see cref="ActionChunkRow"/>.</summary>
internal sealed class ActionChunkCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _input;
    private readonly ActionChunkRow _row;

    public ActionChunkCursor(DataViewRowCursor input, ChunkMapping mapping, bool outputActive)
    {
        _input = input;
        _row = new ActionChunkRow(input, mapping, outputActive);
    }

    public override DataViewSchema Schema => _row.Schema;

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override bool MoveNext() => _input.MoveNext();

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => _row.IsColumnActive(column);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _row.GetGetter<TValue>(column);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Dispose();
        base.Dispose(disposing);
    }
}
