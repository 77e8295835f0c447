using Microsoft.ML;
using Microsoft.ML.Data;

namespace Vla.MLNet;

/// <summary>The row-to-row form of the transformer (what ML.NET's PredictionEngine uses).</summary>
internal sealed class ActionChunkMapper(ChunkMapping mapping) : IRowToRowMapper
{
    public DataViewSchema InputSchema => mapping.InputSchema;

    public DataViewSchema OutputSchema => mapping.OutputSchema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        mapping.InputColumnsFor(dependingColumns);

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new ActionChunkRow(input, mapping, activeColumns.Any(mapping.IsOutput));
}
