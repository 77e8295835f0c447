using Vla.Abstractions;
using Vla.Core.Text;
using static TorchSharp.torch;

namespace Vla.Core.Data.Streaming;

/// <summary>
/// A training source whose frames stay on disk: the <see cref="SampleTable"/> is in memory, frames are read from an
/// <see cref="IFrameStore"/> through a byte-bounded <see cref="FrameCache"/>. Once the trainer announces its batches
/// (<see cref="Plan"/>), a worker thread reads and lays them out ahead of it, at most <see cref="StreamingOptions.ReadAhead"/>
/// batches ahead. Batches equal <see cref="TrainingData"/>'s for the same frames, bit for bit.
/// </summary>
/// <remarks>Image augmentation stays in the trainer (~55 ms per camera for 32 frames at 64 px on one thread here, a few
/// percent of a step): it is torch work, and torch on a second thread would start a second OpenMP team on a 2-core
/// machine, whose spin-waiting costs far more than it saves. The worker only reads and copies bytes.</remarks>
internal sealed class StreamingTrainingData : ITrainingSource
{
    private readonly SampleTable _samples;
    private readonly FrameLoader _loader;
    private readonly PinnedBuffers _buffers;
    private readonly StreamingOptions _options;
    private readonly int _size, _cameras;
    private ReadAhead<Prepared>? _ahead;

    public StreamingTrainingData(Recipe recipe, IFrameStore store, DatasetStatistics stats, InstructionTokenizer tokenizer, StreamingOptions options)
    {
        _options = options.Validate();
        CheckImages(recipe, store);
        _samples = new SampleTable(recipe, store.Episodes, stats, tokenizer);
        _loader = new FrameLoader(store, _samples, recipe.Cameras, recipe.ImageSize, options.CacheBytes);
        _size = recipe.ImageSize;
        _cameras = recipe.Cameras.Count;
        _buffers = new PinnedBuffers((options.ReadAhead + 2) * _cameras);
    }

    public int Frames => _samples.Frames;

    public int EpisodeCount => _samples.EpisodeCount;

    /// <summary>Decoded frames kept for reuse (read by tests and measurements; owned by the worker while it runs).</summary>
    internal FrameCache Cache => _loader.Cache;

    internal bool WorkerRunning => _ahead?.IsRunning ?? false;

    public int[] FramesOf(IReadOnlySet<int> episodes) => _samples.FramesOf(episodes);

    /// <summary>Starts the worker on these requests; from now on <see cref="Batch"/> must follow them in order.</summary>
    public void Plan(IEnumerable<IReadOnlyList<int>> requests)
    {
        if (_ahead is not null) throw new InvalidOperationException("the streaming source already has a plan");
        _ahead = new ReadAhead<Prepared>(cancel => requests.Select(r => Prepare(r, cancel)), _options.ReadAhead, "vla-stream-reader");
    }

    /// <summary>The next planned batch (reads on this thread when there is no plan). A failed read is rethrown here.</summary>
    public (ObservationBatch Batch, Tensor Target) Batch(IReadOnlyList<int> frames)
    {
        var prepared = _ahead is null ? Prepare(frames, CancellationToken.None) : _ahead.Next();
        if (!prepared.Frames.SequenceEqual(frames))
            throw new InvalidOperationException($"asked for a batch of {frames.Count} frames that the plan did not announce next " +
                                                "(the trainer's requests must follow its plan exactly)");
        var b = frames.Count;
        var images = new List<Tensor>(_cameras);
        foreach (var bytes in prepared.Images)
        {
            using var raw = tensor(bytes, [b, 3, _size, _size]);
            images.Add(raw.to(ScalarType.Float32).div_(255f));   // a copy: the buffer can be reused at once
            _buffers.Return(bytes);
        }
        var (tokens, mask, proprio, target) = _samples.Tensors(frames);
        return (new ObservationBatch(images, tokens, mask, proprio), target);
    }

    private Prepared Prepare(IReadOnlyList<int> frames, CancellationToken cancel)
    {
        var images = new byte[_cameras][];
        for (var c = 0; c < _cameras; c++) images[c] = _buffers.Rent(frames.Count * _loader.FrameBytes);
        _loader.Fill(frames, images, cancel);
        return new Prepared(frames, images);
    }

    private static void CheckImages(Recipe recipe, IFrameStore store)
    {
        if (store.Episodes.Count == 0) throw new VlaException("the dataset has no episodes", "check the --data folder");
        foreach (var camera in recipe.Cameras)
            if (!store.Cameras.Contains(camera))
                throw new RecipeException("cameras", $"camera '{camera}' is not in the data ({store.Episodes[0].Source})",
                    $"cameras in the data: {string.Join(", ", store.Cameras)}");
        TrainingData.CheckSameSize(store.Episodes);
    }

    public void Dispose() => _ahead?.Dispose();

    /// <summary>A batch's frames laid out as (B, 3, S, S) bytes per camera, in rented buffers.</summary>
    private sealed record Prepared(IReadOnlyList<int> Frames, byte[][] Images);
}
