using Vla.Abstractions;
using Vla.Core.Text;
using static TorchSharp.torch;

namespace Vla.Core.Data;

/// <summary>
/// Everything of a training sample except its images: normalised target chunks and proprio, instruction tokens, and
/// where each frame sits (episode, step). Small (tens of bytes per frame), so both the in-memory and the streaming
/// source hold it whole, and both build these tensors with this one code path (identical batches by construction).
/// </summary>
internal sealed class SampleTable
{
    private readonly Recipe _recipe;
    private readonly float[] _targets, _proprio;
    private readonly float[]? _goals;   // z-scored goal offsets (N x 6); null when the recipe does not weigh them or some episode has none
    private readonly long[]? _patches;  // agentview patch of the goal's object and place (N x 2, -1 out of view); null like _goals
    private readonly long[] _tokens;
    private readonly bool[] _tokenMask;
    private readonly int[] _episodeOf, _episodeStart;
    private readonly bool[] _decision;
    private readonly int _tokensPerEpisode;

    /// <param name="episodes">frames are not used (they may be absent, as in a <see cref="Streaming.IFrameStore"/>'s episodes)</param>
    public SampleTable(Recipe recipe, IReadOnlyList<Episode> episodes, DatasetStatistics stats, InstructionTokenizer tokenizer)
    {
        _recipe = recipe;
        CheckCompatible(recipe, episodes[0], stats);
        var actionNorm = new Normalizer(stats.Action, recipe.Normalization.Mode, recipe.Normalization.UnnormalizedActionDims);
        var proprioNorm = stats.Proprio is null ? null : new Normalizer(stats.Proprio, recipe.Normalization.Mode);
        Frames = episodes.Sum(e => e.Length);
        EpisodeCount = episodes.Count;
        _targets = Targets(episodes, recipe.Chunk, recipe.ActionDim);
        actionNorm.Normalize(_targets);
        _proprio = recipe.ProprioDim > 0 ? episodes.SelectMany(e => e.Proprio.SelectMany(a => a)).ToArray() : [];
        if (recipe.ProprioDim > 0) proprioNorm!.Normalize(_proprio);
        _goals = recipe.Training.LocalizationWeight > 0 && episodes.All(e => e.GoalOffsets is not null)
            ? Standardised(episodes.SelectMany(e => e.GoalOffsets!).ToList()) : null;
        _patches = recipe.Training.PointingWeight > 0 && episodes.All(e => e.GoalPixels is not null)
            ? Patches(episodes.SelectMany(e => e.GoalPixels!), PatchGrid(recipe)) : null;
        _tokensPerEpisode = tokenizer.MaxTokens;
        _episodeOf = new int[Frames];
        _episodeStart = new int[episodes.Count];
        _decision = DecisionFrames(episodes, recipe.Training.DecisionFrames, recipe.Normalization.UnnormalizedActionDims,
            recipe.Training.DecisionFramesBefore);
        _tokens = new long[episodes.Count * _tokensPerEpisode];
        _tokenMask = new bool[episodes.Count * _tokensPerEpisode];
        var start = 0;
        for (var e = 0; e < episodes.Count; e++)
        {
            _episodeStart[e] = start;
            for (var t = 0; t < episodes[e].Length; t++) _episodeOf[start + t] = e;
            start += episodes[e].Length;
            var (ids, mask) = tokenizer.Encode(episodes[e].Instruction);
            ids.CopyTo(_tokens, e * _tokensPerEpisode);
            mask.CopyTo(_tokenMask, e * _tokensPerEpisode);
        }
    }

    public int Frames { get; }

    public int EpisodeCount { get; }

    /// <summary>Frame indices of the given episodes (for the train/validation split by episode).</summary>
    public int[] FramesOf(IReadOnlySet<int> episodes) =>
        Enumerable.Range(0, Frames).Where(i => episodes.Contains(_episodeOf[i])).ToArray();

    /// <summary>Whether a frame is a decision frame (<see cref="TrainingSpec.DecisionFrames"/>).</summary>
    public bool IsDecision(int frame) => _decision[frame];

    /// <summary>The episode and step of a frame index.</summary>
    public (int Episode, int Step) Locate(int frame)
    {
        var e = _episodeOf[frame];
        return (e, frame - _episodeStart[e]);
    }

    /// <summary>Tokens and mask (B, T), proprio (B, P) or null, normalised targets (B, K, D) of the given frames.</summary>
    public (Tensor Tokens, Tensor Mask, Tensor? Proprio, Tensor Target) Tensors(IReadOnlyList<int> frames)
    {
        var b = frames.Count;
        var t = _tokensPerEpisode;
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
        return (tensor(tokens, [b, t]), tensor(mask, [b, t]), p > 0 ? tensor(proprio, [b, p]) : null, tensor(target, [b, k, d]));
    }

    /// <summary>Z-scored goal offsets (B, 6) of the given frames, or null when the recipe does not weigh the localisation
    /// loss or the data has none.</summary>
    public Tensor? GoalOffsets(IReadOnlyList<int> frames)
    {
        if (_goals is null) return null;
        const int d = Episode.GoalOffsetDim;
        var rows = new float[frames.Count * d];
        for (var i = 0; i < frames.Count; i++) Array.Copy(_goals, (long)frames[i] * d, rows, i * d, d);
        return tensor(rows, [frames.Count, d]);
    }

    /// <summary>The agentview patches (B, 2) of the given frames for the pointing loss, or null when it is off.</summary>
    public Tensor? GoalPatches(IReadOnlyList<int> frames)
    {
        if (_patches is null) return null;
        var rows = new long[frames.Count * 2];
        for (var i = 0; i < frames.Count; i++) Array.Copy(_patches, (long)frames[i] * 2, rows, i * 2, 2);
        return tensor(rows, [frames.Count, 2]);
    }

    public AuxiliaryTargets Auxiliary(IReadOnlyList<int> frames) => new(GoalOffsets(frames), GoalPatches(frames));

    /// <summary>Patches per side of one camera's token grid (the vision encoder's tokens are a square grid, row-major).</summary>
    public static int PatchGrid(Recipe recipe) => (int)Math.Round(Math.Sqrt(recipe.Vision.TokensPerCamera(recipe.ImageSize)));

    /// <summary>Each (u, v) pair -> the row-major index of the grid cell it falls in, -1 outside the image (or NaN).</summary>
    internal static long[] Patches(IEnumerable<float[]> pixels, int grid)
    {
        static long Cell(float u, float v, int g) =>
            u is >= 0 and < 1 && v is >= 0 and < 1 ? (long)(v * g) * g + (long)(u * g) : -1;
        return pixels.SelectMany(p => new[] { Cell(p[0], p[1], grid), Cell(p[2], p[3], grid) }).ToArray();
    }

    /// <summary>Rows laid end to end, each column shifted and scaled to mean 0 and standard deviation 1 (the loss weighs
    /// each coordinate alike; the statistics are not kept: the targets are never predicted at inference).</summary>
    private static float[] Standardised(IReadOnlyList<float[]> rows)
    {
        var stats = StatisticsCalculator.Feature(rows, "goal offsets");
        var values = new float[rows.Count * stats.Dim];
        for (var i = 0; i < rows.Count; i++)
            for (var c = 0; c < stats.Dim; c++)
                values[i * stats.Dim + c] = (rows[i][c] - stats.Mean[c]) / Math.Max(stats.Std[c], 1e-6f);
        return values;
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

    /// <summary>
    /// Per frame: within <paramref name="window"/> steps of its episode's start, or of a step where a gripper dimension (an
    /// unnormalised one) changes sign from the step before; with <paramref name="before"/> > 0, also that many steps
    /// before such a change.
    /// </summary>
    internal static bool[] DecisionFrames(IReadOnlyList<Episode> episodes, int window, IReadOnlyList<int> gripperDims, int before = 0)
    {
        var flags = new bool[episodes.Sum(e => e.Length)];
        if (window == 0) return flags;
        var start = 0;
        foreach (var e in episodes)
        {
            for (var t = 0; t < e.Length; t++)
            {
                var changes = t == 0 || gripperDims.Any(d => d < e.Actions[t].Length && Math.Sign(e.Actions[t][d]) != Math.Sign(e.Actions[t - 1][d]));
                if (!changes) continue;
                var from = t == 0 ? 0 : Math.Max(0, t - before);
                for (var j = from; j < Math.Min(t + window, e.Length); j++) flags[start + j] = true;
            }
            start += e.Length;
        }
        return flags;
    }

    private static void CheckCompatible(Recipe recipe, Episode first, DatasetStatistics stats)
    {
        if (first.Actions[0].Length != recipe.ActionDim)
            throw new RecipeException("action_dim", $"recipe says {recipe.ActionDim} but the data's actions have {first.Actions[0].Length} dimensions ({first.Source})");
        if (recipe.ProprioDim > 0 && first.Proprio[0].Length != recipe.ProprioDim)
            throw new RecipeException("proprio_dim", $"recipe says {recipe.ProprioDim} but the data's proprio has {first.Proprio[0].Length} dimensions ({first.Source})",
                "set proprio_dim to the data's size, or 0 to train without proprio");
        stats.Action.Validate("actions", recipe.ActionDim);
        if (recipe.ProprioDim > 0)
            (stats.Proprio ?? throw new VlaException("statistics have no proprio", "recompute them (vla stats)")).Validate("proprio", recipe.ProprioDim);
    }
}
