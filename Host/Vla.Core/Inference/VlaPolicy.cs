using Vla.Abstractions;
using Vla.Core.Model;
using Vla.Core.Plugins;
using Vla.Core.Text;
using Vla.Core.Training;
using static TorchSharp.torch;

namespace Vla.Core.Inference;

/// <summary>
/// A trained policy loaded from a run folder: raw observations in, raw (de-normalised) action chunks out.
/// </summary>
public sealed class VlaPolicy : IChunkPredictor
{
    private readonly VlaPolicyModel _model;
    private readonly InstructionTokenizer _tokenizer;
    private readonly Normalizer _actions;
    private readonly Normalizer? _proprio;

    private VlaPolicy(VlaPolicyModel model, InstructionTokenizer tokenizer, DatasetStatistics stats)
    {
        _model = model;
        _tokenizer = tokenizer;
        var n = model.Recipe.Normalization;
        _actions = new Normalizer(stats.Action, n.Mode, n.UnnormalizedActionDims);
        _proprio = stats.Proprio is null ? null : new Normalizer(stats.Proprio, n.Mode);
        Statistics = stats;
        _model.eval();
    }

    public Recipe Recipe => _model.Recipe;

    public DatasetStatistics Statistics { get; }

    public long Parameters => _model.parameters().Sum(p => p.numel());

    /// <summary>Backbone forwards one chunk costs with this recipe's decoder.</summary>
    public int ForwardsPerChunk => _model.Decoder.ForwardsPerChunk(_model.Head);

    public static VlaPolicy Load(string runDir, PartCatalog catalog)
    {
        var run = new RunFolder(runDir).RequireTrained();
        var recipe = run.ReadRecipe();
        var tokenizer = run.ReadTokenizer();
        var model = new VlaPolicyModel(recipe, PolicyParts.Resolve(recipe, catalog), tokenizer.VocabularySize);
        Checkpoint.LoadModel(run.LatestCheckpoint, model);
        return new VlaPolicy(model, tokenizer, run.ReadStatistics());
    }

    public ActionChunk Predict(Observation observation) => Predict([observation])[0];

    public IReadOnlyList<ActionChunk> Predict(IReadOnlyList<Observation> observations)
    {
        using var scope = NewDisposeScope();
        using var batch = ToBatch(observations);
        var chunk = _model.Predict(batch).contiguous().data<float>().ToArray();   // (B, K, D) normalised
        var (k, d) = (Recipe.Chunk, Recipe.ActionDim);
        return Enumerable.Range(0, observations.Count).Select(i =>
        {
            var values = chunk.AsSpan(i * k * d, k * d).ToArray();
            _actions.Unnormalize(values);
            return new ActionChunk(k, d, values);
        }).ToList();
    }

    private ObservationBatch ToBatch(IReadOnlyList<Observation> observations)
    {
        var recipe = Recipe;
        var images = recipe.Cameras.Select(camera => ImageTensor(observations, camera, recipe.ImageSize)).ToList();
        var t = _tokenizer.MaxTokens;
        var tokens = new long[observations.Count * t];
        var mask = new bool[observations.Count * t];
        var proprio = new float[observations.Count * recipe.ProprioDim];
        for (var i = 0; i < observations.Count; i++)
        {
            var (ids, m) = _tokenizer.Encode(observations[i].Instruction);
            ids.CopyTo(tokens, i * t);
            m.CopyTo(mask, i * t);
            if (recipe.ProprioDim == 0) continue;
            if (observations[i].Proprio.Length != recipe.ProprioDim)
                throw new VlaException($"observation has {observations[i].Proprio.Length} proprio values, the policy expects {recipe.ProprioDim}");
            observations[i].Proprio.CopyTo(proprio, i * recipe.ProprioDim);
        }
        if (recipe.ProprioDim > 0) _proprio!.Normalize(proprio);
        return new ObservationBatch(images, tensor(tokens, [observations.Count, t]), tensor(mask, [observations.Count, t]),
            recipe.ProprioDim > 0 ? tensor(proprio, [observations.Count, recipe.ProprioDim]) : null);
    }

    private static Tensor ImageTensor(IReadOnlyList<Observation> observations, string camera, int size)
    {
        var frames = observations.Select(o => o.Images.FirstOrDefault(i => i.Camera == camera)?.Validate()
            ?? throw new VlaException($"observation has no '{camera}' image",
                $"the policy was trained with cameras: {string.Join(", ", o.Images.Select(i => i.Camera))}")).ToList();
        var (h, w) = (frames[0].Height, frames[0].Width);
        if (frames.Any(f => f.Height != h || f.Width != w))
            throw new VlaException($"camera '{camera}' images in one batch have different sizes");
        var bytes = frames.SelectMany(f => f.Rgb).ToArray();
        using var hwc = tensor(bytes, [frames.Count, h, w, 3]);
        var chw = hwc.permute(0, 3, 1, 2).to(ScalarType.Float32).div_(255f);
        if (h == size && w == size) return chw;
        using (chw) return nn.functional.interpolate(chw, [size, size], mode: InterpolationMode.Bilinear, align_corners: false);
    }

    public void Dispose() => _model.Dispose();
}
