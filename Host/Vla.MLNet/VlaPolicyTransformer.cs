using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;
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
    private readonly PartCatalog _parts;
    private readonly IReadOnlyCollection<string> _instructions;
    private readonly object _gate = new();   // one TorchSharp model; cursors on several threads take turns
    private OnnxTransformer? _saved;          // built on first save

    private VlaPolicyTransformer(VlaPolicy policy, string runDirectory, ObservationColumns columns, TrainResult? training,
        PartCatalog parts, IReadOnlyCollection<string> instructions)
    {
        _policy = policy;
        _columns = columns;
        _parts = parts;
        _instructions = instructions;
        RunDirectory = runDirectory;
        Training = training;
        OutputType = new VectorDataViewType(NumberDataViewType.Single, policy.Recipe.Chunk, policy.Recipe.ActionDim);
    }

    /// <summary>The run folder holding the policy; <c>VlaPolicy.Load(RunDirectory, ...)</c> or
    /// <c>mlContext.Vla().LoadPolicy(RunDirectory)</c> reload it; <c>mlContext.Model.Save</c> writes a .zip.</summary>
    public string RunDirectory { get; }

    /// <summary>What training measured; null when the policy was loaded from a run folder.</summary>
    public TrainResult? Training { get; }

    public Recipe Recipe => _policy.Recipe;

    public string OutputColumnName => _columns.Output;

    /// <summary>The output column's type: Single, dimensions (K, D).</summary>
    public VectorDataViewType OutputType { get; }

    public bool IsRowToRowMapper => true;

    /// <summary>
    /// The columns the saved .zip reads (pass it to <c>mlContext.Model.Save(policy, policy.SaveSchema, path)</c>):
    /// each camera as planar floats (3, S, S) at the recipe's image_size, the instruction, the proprio.
    /// </summary>
    public DataViewSchema SaveSchema => OnnxBackedModel.InputSchema(Recipe, _columns);

    internal static VlaPolicyTransformer Load(string runDirectory, ObservationColumns columns, PartCatalog parts, TrainResult? training,
        IReadOnlyCollection<string>? instructions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        return new VlaPolicyTransformer(VlaPolicy.Load(runDirectory, parts), Path.GetFullPath(runDirectory), columns, training, parts,
            instructions ?? []);
    }

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema).OutputSchema;

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ActionChunkView(input, Bind(input.Schema));
    }

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new ActionChunkMapper(Bind(inputSchema));

    /// <summary>
    /// Saves as ML.NET's own OnnxTransformer over the policy exported in memory (see README, "Saving"): the .zip loads
    /// with <c>mlContext.Model.Load</c> and Microsoft.ML.OnnxTransformer alone. Every recipe: iterative decoding
    /// (diffusion, autoregressive) is unrolled into the one graph.
    /// </summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)SavedForm()).Save(ctx);

    /// <summary>The transformer a .zip holds (built once): what <c>mlContext.Model.Load</c> gives back.</summary>
    internal OnnxTransformer SavedForm()
    {
        lock (_gate)
        {
            return _saved ??= OnnxBackedModel.Create(new MLContext(), RunDirectory, _parts, Recipe, _columns, _instructions);
        }
    }

    internal float[] Predict(Observation observation)
    {
        lock (_gate) return _policy.Predict(observation).Values;
    }

    private ChunkMapping Bind(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new ChunkMapping(this, inputSchema, _columns.Bind(inputSchema, Recipe), _columns.Output);
    }

    public void Dispose()
    {
        _policy.Dispose();
        _saved?.Dispose();
    }
}
