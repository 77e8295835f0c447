using Vla.Abstractions;
using Vla.Core.Text;
using static TorchSharp.torch;

namespace Vla.Core.Data;

/// <summary>
/// Episodes packed for training: frames as one uint8 tensor per camera (N, 3, S, S) resized to the recipe's image
/// size, normalised actions/proprio, fixed-length instruction tokens. A sample is a frame t and the chunk of the
/// next K actions (the last action repeats past the episode's end).
/// </summary>
internal sealed class TrainingData : IDisposable
{
    private readonly Recipe _recipe;
    private readonly Tensor[] _frames;
    private readonly float[] _targets, _proprio;
    private readonly long[] _tokens;
    private readonly bool[] _tokenMask;
    private readonly int[] _episodeOf;

    public TrainingData(Recipe recipe, IReadOnlyList<Episode> episodes, DatasetStatistics stats, InstructionTokenizer tokenizer)
    {
        _recipe = recipe;
        CheckCompatible(recipe, episodes, stats);
        var actionNorm = new Normalizer(stats.Action, recipe.Normalization.Mode, recipe.Normalization.UnnormalizedActionDims);
        var proprioNorm = stats.Proprio is null ? null : new Normalizer(stats.Proprio, recipe.Normalization.Mode);
        Frames = episodes.Sum(e => e.Length);
        _targets = Targets(episodes, recipe.Chunk, recipe.ActionDim);
        actionNorm.Normalize(_targets);
        _proprio = episodes.SelectMany(e => e.Proprio.SelectMany(a => a)).ToArray();
        if (recipe.ProprioDim > 0) proprioNorm!.Normalize(_proprio);
        _episodeOf = new int[Frames];
        _tokens = new long[episodes.Count * tokenizer.MaxTokens];
        _tokenMask = new bool[episodes.Count * tokenizer.MaxTokens];
        var start = 0;
        for (var e = 0; e < episodes.Count; e++)
        {
            for (var t = 0; t < episodes[e].Length; t++) _episodeOf[start + t] = e;
            start += episodes[e].Length;
            var (ids, mask) = tokenizer.Encode(episodes[e].Instruction);
            ids.CopyTo(_tokens, e * tokenizer.MaxTokens);
            mask.CopyTo(_tokenMask, e * tokenizer.MaxTokens);
        }
        _frames = recipe.Cameras.Select(c => PackFrames(episodes, c, recipe.ImageSize)).ToArray();
        EpisodeCount = episodes.Count;
    }

    public int Frames { get; }

    public int EpisodeCount { get; }

    /// <summary>Frame indices of the given episodes (for the train/validation split by episode).</summary>
    public int[] FramesOf(IReadOnlySet<int> episodes) =>
        Enumerable.Range(0, Frames).Where(i => episodes.Contains(_episodeOf[i])).ToArray();

    /// <summary>Observations and normalised target chunks (B, K, D) for the given frames.</summary>
    public (ObservationBatch Batch, Tensor Target) Batch(IReadOnlyList<int> frames)
    {
        var b = frames.Count;
        var index = tensor(frames.Select(f => (long)f).ToArray());
        var images = _frames.Select(f => f.index_select(0, index).to(ScalarType.Float32).div_(255f)).ToList();
        var t = _tokenMask.Length / EpisodeCount;
        var tokens = new long[b * t];
        var mask = new bool[b * t];
        var (k, d, p) = (_recipe.Chunk, _recipe.ActionDim, _recipe.ProprioDim);
        var target = new float[b * k * d];
        var proprio = new float[b * p];
        for (var i = 0; i < b; i++)
        {
            var f = frames[i];
            Array.Copy(_tokens, _episodeOf[f] * t, tokens, i * t, t);
            Array.Copy(_tokenMask, _episodeOf[f] * t, mask, i * t, t);
            Array.Copy(_targets, (long)f * k * d, target, i * k * d, k * d);
            if (p > 0) Array.Copy(_proprio, f * p, proprio, i * p, p);
        }
        index.Dispose();
        var batch = new ObservationBatch(images, tensor(tokens, [b, t]), tensor(mask, [b, t]),
            p > 0 ? tensor(proprio, [b, p]) : null);
        return (batch, tensor(target, [b, k, d]));
    }

    /// <summary>Each frame's raw chunk (K*D): its episode's labels when given, else the next K actions with the last one
    /// repeated past the episode's end.</summary>
    private static float[] Targets(IReadOnlyList<Episode> episodes, int k, int d)
    {
        var targets = new float[episodes.Sum(e => (long)e.Length) * k * d];
        long offset = 0;
        foreach (var e in episodes)
            for (var t = 0; t < e.Length; t++, offset += k * d)
            {
                if (e.Chunks is { } labels)
                {
                    if (labels[t].Length != k * d)
                        throw new RecipeException("chunk", $"{e.Source}: chunk labels hold {labels[t].Length / d} actions, the recipe's chunk is {k}",
                            $"set chunk to {labels[t].Length / d} or relabel the data");
                    labels[t].CopyTo(targets, offset);
                    continue;
                }
                for (var j = 0; j < k; j++) e.Actions[Math.Min(t + j, e.Length - 1)].CopyTo(targets, offset + j * d);
            }
        return targets;
    }

    private static Tensor PackFrames(IReadOnlyList<Episode> episodes, string camera, int size)
    {
        var (h, w) = (episodes[0].Height, episodes[0].Width);
        var bytes = new byte[episodes.Sum(e => e.Length) * h * w * 3];
        var offset = 0;
        foreach (var episode in episodes)
        foreach (var frame in episode.Frames[camera])
        {
            frame.CopyTo(bytes, offset);
            offset += frame.Length;
        }
        using var hwc = tensor(bytes, [bytes.Length / (h * w * 3), h, w, 3]);
        using var chw = hwc.permute(0, 3, 1, 2);
        if (h == size && w == size) return chw.contiguous();
        using var resized = nn.functional.interpolate(chw.to(ScalarType.Float32), [size, size], mode: InterpolationMode.Bilinear, align_corners: false);
        return resized.round().clamp(0, 255).to(ScalarType.Byte);
    }

    private static void CheckCompatible(Recipe recipe, IReadOnlyList<Episode> episodes, DatasetStatistics stats)
    {
        var first = episodes[0];
        foreach (var camera in recipe.Cameras)
            if (!first.Frames.ContainsKey(camera))
                throw new RecipeException("cameras", $"camera '{camera}' is not in the data ({first.Source})",
                    $"cameras in the data: {string.Join(", ", first.Frames.Keys)}");
        if (first.Actions[0].Length != recipe.ActionDim)
            throw new RecipeException("action_dim", $"recipe says {recipe.ActionDim} but the data's actions have {first.Actions[0].Length} dimensions ({first.Source})");
        if (recipe.ProprioDim > 0 && first.Proprio[0].Length != recipe.ProprioDim)
            throw new RecipeException("proprio_dim", $"recipe says {recipe.ProprioDim} but the data's proprio has {first.Proprio[0].Length} dimensions ({first.Source})",
                "set proprio_dim to the data's size, or 0 to train without proprio");
        foreach (var e in episodes)
            if (e.Height != first.Height || e.Width != first.Width)
                throw new VlaException($"{e.Source}: images are {e.Height}x{e.Width} but {first.Source} has {first.Height}x{first.Width}",
                    "all episodes must share one image size (resize them when importing)");
        stats.Action.Validate("actions", recipe.ActionDim);
        if (recipe.ProprioDim > 0)
            (stats.Proprio ?? throw new VlaException("statistics have no proprio", "recompute them (vla stats)")).Validate("proprio", recipe.ProprioDim);
    }

    public void Dispose()
    {
        foreach (var f in _frames) f.Dispose();
    }
}
