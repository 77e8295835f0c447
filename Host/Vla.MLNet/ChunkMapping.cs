using Microsoft.ML;
using Microsoft.ML.Data;

namespace Vla.MLNet;

/// <summary>
/// The transformer applied to one input schema: the output schema (input columns, then the chunk column), which input
/// columns the chunk needs, and the per-row getter that runs the policy. Shared by the lazy view and the row mapper.
/// </summary>
internal sealed class ChunkMapping
{
    private readonly VlaPolicyTransformer _owner;
    private readonly BoundObservation _bound;

    public ChunkMapping(VlaPolicyTransformer owner, DataViewSchema inputSchema, BoundObservation bound, string output)
    {
        _owner = owner;
        _bound = bound;
        InputSchema = inputSchema;
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);                     // same indices as the input, hidden columns included
        builder.AddColumn(output, owner.OutputType);         // a same-named input column becomes hidden, as in ML.NET
        OutputSchema = builder.ToSchema();
        OutputIndex = inputSchema.Count;
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    public int OutputIndex { get; }

    public string OutputName => OutputSchema[OutputIndex].Name;

    public bool IsOutput(DataViewSchema.Column column) => column.Index == OutputIndex;

    /// <summary>Input columns needed to serve <paramref name="needed"/> (columns of the output schema).</summary>
    public IEnumerable<DataViewSchema.Column> InputColumnsFor(IEnumerable<DataViewSchema.Column> needed)
    {
        var list = needed.ToList();
        var passed = list.Where(c => !IsOutput(c)).Select(c => InputSchema[c.Index]);
        return (list.Any(IsOutput) ? passed.Concat(_bound.Columns) : passed).DistinctBy(c => c.Index).ToList();
    }

    /// <summary>The chunk of <paramref name="input"/>'s current row, computed once per row position.</summary>
    public ValueGetter<VBuffer<float>> MakeGetter(DataViewRow input)
    {
        var reader = new ObservationReader(input, _bound);
        var position = long.MinValue;
        float[] values = [];
        return (ref VBuffer<float> destination) =>
        {
            if (position != input.Position || position < 0)
            {
                values = _owner.Predict(reader.Read());
                position = input.Position;
            }
            var editor = VBufferEditor.Create(ref destination, values.Length);
            values.CopyTo(editor.Values);
            destination = editor.Commit();
        };
    }
}
