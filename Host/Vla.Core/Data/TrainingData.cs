using Vla.Abstractions;
using Vla.Core.Text;
using static TorchSharp.torch;

namespace Vla.Core.Data;

/// <summary>
/// Episodes in memory, for training: the <see cref="SampleTable"/> (normalised actions/proprio, fixed-length instruction
/// tokens) and, per camera, references to the episodes' own frame arrays. A batch gathers its frames and lays them out
/// as uint8 (B, 3, S, S) at the recipe's image size; the frames are not packed into a second copy (four suites are
/// ~5 GB of frames, and a packed copy doubled the main job's memory). A sample is a frame t and the chunk of the next
/// K actions (the last action repeats past the episode's end). Augmentation is applied to a batch's bytes on the
/// caller's thread, as the streaming source applies it on its worker.
/// </summary>
internal sealed class TrainingData : ITrainingSource
{
    private readonly SampleTable _samples;
    private readonly byte[][][] _frames; // per camera, per global frame index: the episode's HWC frame (not a copy)
    private readonly (int Height, int Width, int Size) _layout;
    private readonly ByteImageAugmentation _augmentation;

    public TrainingData(Recipe recipe, IReadOnlyList<Episode> episodes, DatasetStatistics stats, InstructionTokenizer tokenizer)
    {
        CheckImages(recipe, episodes);
        _samples = new SampleTable(recipe, episodes, stats, tokenizer);
        _frames = recipe.Cameras.Select(c => episodes.SelectMany(e => e.Frames[c]).ToArray()).ToArray();
        _layout = (episodes[0].Height, episodes[0].Width, recipe.ImageSize);
        _augmentation = new ByteImageAugmentation(recipe.ImageSize);
    }

    public int Frames => _samples.Frames;

    public int EpisodeCount => _samples.EpisodeCount;

    public int[] FramesOf(IReadOnlySet<int> episodes) => _samples.FramesOf(episodes);

    public bool IsDecision(int frame) => _samples.IsDecision(frame);

    public AuxiliaryTargets Auxiliary(IReadOnlyList<int> frames) => _samples.Auxiliary(frames);

    public (ObservationBatch Batch, Tensor Target) Batch(BatchRequest request)
    {
        var frames = request.Frames;
        var images = new List<Tensor>(_frames.Length);
        var rng = request.AugmentSeed is { } seed ? new Random(seed) : null;
        foreach (var camera in _frames)
        {
            using var selected = Gather(camera, frames);                   // (B, 3, S, S) bytes, a fresh copy
            if (rng is not null) _augmentation.Apply(selected.bytes, frames.Count, rng);
            images.Add(selected.to(ScalarType.Float32).div_(255f));
        }
        var (tokens, mask, proprio, target) = _samples.Tensors(frames);
        return (new ObservationBatch(images, tokens, mask, proprio), target);
    }

    /// <summary>The batch's frames of one camera as uint8 (B, 3, S, S); resized per frame, as the streaming source does.</summary>
    private Tensor Gather(byte[][] camera, IReadOnlyList<int> frames)
    {
        var (h, w, size) = _layout;
        if (h == size && w == size)
        {
            var plane = 3 * size * size;
            var chw = new byte[frames.Count * plane];
            for (var i = 0; i < frames.Count; i++) FrameLayout.Transpose(camera[frames[i]], chw.AsSpan(i * plane, plane), size);
            return tensor(chw, [frames.Count, 3, size, size]);
        }
        var hwc = new byte[frames.Count * h * w * 3];
        for (var i = 0; i < frames.Count; i++) camera[frames[i]].CopyTo(hwc, i * h * w * 3);
        using var resized = FrameLayout.ToChw(hwc, frames.Count, h, w, size);
        return resized.contiguous();   // bilinear resizing of the permuted view keeps a channels-last layout
    }

    private static void CheckImages(Recipe recipe, IReadOnlyList<Episode> episodes)
    {
        var first = episodes[0];
        foreach (var camera in recipe.Cameras)
            if (!first.Frames.ContainsKey(camera))
                throw new RecipeException("cameras", $"camera '{camera}' is not in the data ({first.Source})",
                    $"cameras in the data: {string.Join(", ", first.Frames.Keys)}");
        CheckSameSize(episodes);
    }

    /// <summary>All frames are stacked into one tensor per camera (and streamed batches likewise), so sizes must agree.</summary>
    internal static void CheckSameSize(IReadOnlyList<Episode> episodes)
    {
        var first = episodes[0];
        foreach (var e in episodes)
            if (e.Height != first.Height || e.Width != first.Width)
                throw new VlaException($"{e.Source}: images are {e.Height}x{e.Width} but {first.Source} has {first.Height}x{first.Width}",
                    "all episodes must share one image size (resize them when importing)");
    }

    public void Dispose() { } // holds no native memory: the frames are the episodes' arrays
}
