using Microsoft.ML;
using Microsoft.ML.Data;
using Vla.Abstractions;
using Vla.Core.Inference;
using Vla.Core.Plugins;
using Vla.Core.Training;

namespace Vla.MLNet;

/// <summary>
/// A trained policy as an ML.NET transformer: passes every input column through and adds the output column, a vector
/// of K*D raw (de-normalised) actions shaped (K, D), computed lazily per row. Immutable; dispose it to free the model.
/// </summary>
public sealed class VlaPolicyTransformer : ITransformer, IDisposable
{
    private readonly VlaPolicy _policy;
    private readonly ObservationColumns _columns;
    private readonly object _gate = new();   // one TorchSharp model; cursors on several threads take turns

    private VlaPolicyTransformer(VlaPolicy policy, string runDirectory, ObservationColumns columns, TrainResult? training)
    {
        _policy = policy;
        _columns = columns;
        RunDirectory = runDirectory;
        Training = training;
        OutputType = new VectorDataViewType(NumberDataViewType.Single, policy.Recipe.Chunk, policy.Recipe.ActionDim);
    }

    /// <summary>The run folder holding the policy; <c>VlaPolicy.Load(RunDirectory, ...)</c> or
    /// <c>mlContext.Vla().LoadPolicy(RunDirectory)</c> reload it (the ML.NET .zip comes with the ONNX export).</summary>
    public string RunDirectory { get; }

    /// <summary>What training measured; null when the policy was loaded from a run folder.</summary>
    public TrainResult? Training { get; }

    public Recipe Recipe => _policy.Recipe;

    public string OutputColumnName => _columns.Output;

    /// <summary>The output column's type: Single, dimensions (K, D).</summary>
    public VectorDataViewType OutputType { get; }

    public bool IsRowToRowMapper => true;

    internal static VlaPolicyTransformer Load(string runDirectory, ObservationColumns columns, PartCatalog parts, TrainResult? training)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        return new VlaPolicyTransformer(VlaPolicy.Load(runDirectory, parts), Path.GetFullPath(runDirectory), columns, training);
    }

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema).OutputSchema;

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ActionChunkView(input, Bind(input.Schema));
    }

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new ActionChunkMapper(Bind(inputSchema));

    /// <summary>
    /// Not available yet: ML.NET's save context is internal to ML.NET, so a transformer from outside cannot write a
    /// loadable .zip (see ENVIRONMENT.md); the .zip export comes with the ONNX export.
    /// </summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException(
            "saving a Vla.NET policy into an ML.NET .zip is not supported yet: the .zip export comes with the ONNX export " +
            $"(vla export). The trained policy is in its run folder '{RunDirectory}': reload it with " +
            "mlContext.Vla().LoadPolicy(runDirectory) or VlaPolicy.Load(runDirectory, catalog).");

    internal float[] Predict(Observation observation)
    {
        lock (_gate) return _policy.Predict(observation).Values;
    }

    private ChunkMapping Bind(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new ChunkMapping(this, inputSchema, _columns.Bind(inputSchema, Recipe), _columns.Output);
    }

    public void Dispose() => _policy.Dispose();
}
