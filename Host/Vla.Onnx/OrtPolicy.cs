using Microsoft.ML.OnnxRuntime;
using Vla.Abstractions;
using Vla.Core.Inference;
using Vla.Core.Text;
using Vla.Core.Util;
using Vla.Onnx.Runtime;

namespace Vla.Onnx;

/// <summary>
/// The ONNX Runtime engine: loads an export folder (<c>RUN/export/</c>) and predicts raw action chunks from raw
/// observations like <see cref="VlaPolicy"/>, with no TorchSharp model and no plugins. Multi-graph policies run
/// their loop here: DDIM (same schedule and seeded noise as the TorchSharp head) or greedy KV-cached decoding.
/// </summary>
public sealed class OrtPolicy : IChunkPredictor
{
    private readonly OrtGraph _policy;
    private readonly OrtGraph? _step;
    private readonly OrtGraph? _finish;
    private readonly RawInputs _inputs;
    private readonly ExportLoop _loop;

    private OrtPolicy(ExportFolder folder, OrtOptions options)
    {
        folder.Require(ExportFolder.PolicyFile);
        using var session = Session(options);
        _policy = new OrtGraph(folder.Policy, session);
        var meta = _policy.Metadata;
        if (!meta.TryGetValue(ExportFolder.FormatKey, out var format) || format != ExportFolder.Format)
            throw new VlaException($"'{folder.Policy}' is not a Vla.NET export (format {format ?? "missing"})",
                "re-export with this version: vla export --run RUN_DIR");
        Metadata = meta;
        Recipe = Recipe.FromJson(meta[ExportFolder.RecipeKey], $"{folder.Policy} metadata");
        Statistics = DatasetStatistics.FromJson(meta[ExportFolder.StatisticsKey], $"{folder.Policy} metadata");
        _inputs = new RawInputs(Recipe, InstructionTokenizer.FromJson(meta[ExportFolder.TokenizerKey], $"{folder.Policy} metadata"));
        _loop = Enum.Parse<ExportLoop>(meta[ExportFolder.LoopKey]);
        var companions = ExportFolder.Companions(_loop);
        folder.Require(companions);
        if (companions.Length == 2)
        {
            _step = new OrtGraph(folder.File(companions[0]), session);
            _finish = new OrtGraph(folder.File(companions[1]), session);
        }
    }

    public Recipe Recipe { get; }

    public DatasetStatistics Statistics { get; }

    internal IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary><paramref name="dir"/>: a run folder (uses RUN/export/) or an export folder.</summary>
    public static OrtPolicy Load(string dir, OrtOptions? options = null) => new(ExportFolder.Locate(dir), options ?? new OrtOptions());

    public ActionChunk Predict(Observation observation) => Predict([observation])[0];

    public IReadOnlyList<ActionChunk> Predict(IReadOnlyList<Observation> observations)
    {
        if (observations.Count == 0) return [];
        using var feeds = _inputs.Create(observations);
        var actions = _loop switch
        {
            ExportLoop.OnePass => Single(_policy, feeds, "actions"),
            ExportLoop.Denoising => DenoisingLoop.Run(_policy, _step!, _finish!, feeds, observations.Count, Recipe, Metadata),
            _ => GreedyDecodeLoop.Run(_policy, _step!, _finish!, feeds, observations.Count),
        };
        var (k, d) = (Recipe.Chunk, Recipe.ActionDim);
        return Enumerable.Range(0, observations.Count)
            .Select(i => new ActionChunk(k, d, actions.AsSpan(i * k * d, k * d).ToArray())).ToList();
    }

    /// <summary>Runs a graph with one float output and copies it out.</summary>
    internal static float[] Single(OrtGraph graph, Feeds feeds, string output)
    {
        using var outputs = graph.Run(feeds.Values, [output]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static SessionOptions Session(OrtOptions options)
    {
        var session = new SessionOptions
        {
            GraphOptimizationLevel = options.Optimize ? GraphOptimizationLevel.ORT_ENABLE_ALL : GraphOptimizationLevel.ORT_DISABLE_ALL,
            IntraOpNumThreads = options.Threads,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        // Denormals flushed to zero, as TorchSharp does (DenormalFlush): trained weights produce them, and x86 is slow on them.
        if (DenormalFlush.Wanted) session.AddSessionConfigEntry("session.set_denormal_as_zero", "1");
        return session;
    }

    public void Dispose()
    {
        _policy.Dispose();
        _step?.Dispose();
        _finish?.Dispose();
    }
}
