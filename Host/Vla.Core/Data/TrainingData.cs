using Vla.Abstractions;
using Vla.Core.Text;
using static TorchSharp.torch;

namespace Vla.Core.Data;

/// <summary>
/// Episodes packed for training: frames as one uint8 tensor per camera (N, 3, S, S) resized to the recipe's image
/// size, plus the <see cref="SampleTable"/> (normalised actions/proprio, fixed-length instruction tokens). A sample is
/// a frame t and the chunk of the next K actions (the last action repeats past the episode's end). Augmentation is
/// applied to a batch's bytes on the caller's thread, as the streaming source applies it on its worker.
/// </summary>
internal sealed class TrainingData : ITrainingSource
{
    private readonly SampleTable _samples;
    private readonly Tensor[] _frames;
    private readonly ByteImageAugmentation _augmentation;

    public TrainingData(Recipe recipe, IReadOnlyList<Episode> episodes, DatasetStatistics stats, InstructionTokenizer tokenizer)
    {
        CheckImages(recipe, episodes);
        _samples = new SampleTable(recipe, episodes, stats, tokenizer);
        _frames = recipe.Cameras.Select(c => PackFrames(episodes, c, recipe.ImageSize)).ToArray();
        _augmentation = new ByteImageAugmentation(recipe.ImageSize);
    }

    public int Frames => _samples.Frames;

    public int EpisodeCount => _samples.EpisodeCount;

    public int[] FramesOf(IReadOnlySet<int> episodes) => _samples.FramesOf(episodes);

    public bool IsDecision(int frame) => _samples.IsDecision(frame);

    public (ObservationBatch Batch, Tensor Target) Batch(BatchRequest request)
    {
        var frames = request.Frames;
        using var index = tensor(frames.Select(f => (long)f).ToArray());
        var images = new List<Tensor>(_frames.Length);
        var rng = request.AugmentSeed is { } seed ? new Random(seed) : null;
        foreach (var camera in _frames)
        {
            using var selected = camera.index_select(0, index);           // (B, 3, S, S) bytes, a fresh copy
            if (rng is not null) _augmentation.Apply(selected.bytes, frames.Count, rng);
            images.Add(selected.to(ScalarType.Float32).div_(255f));
        }
        var (tokens, mask, proprio, target) = _samples.Tensors(frames);
        return (new ObservationBatch(images, tokens, mask, proprio), target);
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
        return FrameLayout.ToChw(bytes, bytes.Length / (h * w * 3), h, w, size);
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

    public void Dispose()
    {
        foreach (var f in _frames) f.Dispose();
    }
}
