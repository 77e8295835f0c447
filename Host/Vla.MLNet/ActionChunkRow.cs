using Microsoft.ML;
using Microsoft.ML.Data;

namespace Vla.MLNet;

/// <summary>An input row seen through the transformer: input columns pass through, the chunk column is computed.</summary>
internal sealed class ActionChunkRow : DataViewRow
{
    private readonly DataViewRow _input;
    private readonly ChunkMapping _mapping;
    private readonly ValueGetter<VBuffer<float>>? _chunk;

    public ActionChunkRow(DataViewRow input, ChunkMapping mapping, bool outputActive)
    {
        _input = input;
        _mapping = mapping;
        _chunk = outputActive ? mapping.MakeGetter(input) : null;
    }

    public override DataViewSchema Schema => _mapping.OutputSchema;

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        _mapping.IsOutput(column) ? _chunk is not null : _input.IsColumnActive(_input.Schema[column.Index]);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!_mapping.IsOutput(column)) return _input.GetGetter<TValue>(_input.Schema[column.Index]);
        if (_chunk is null)
            throw new InvalidOperationException($"column '{_mapping.OutputName}' was not requested when this cursor was made");
        return _chunk as ValueGetter<TValue>
               ?? throw new InvalidOperationException(
                   $"column '{_mapping.OutputName}' holds VBuffer<Single>, not {typeof(TValue).Name}");
    }
}
