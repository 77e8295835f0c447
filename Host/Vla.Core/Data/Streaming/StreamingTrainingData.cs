using Vla.Abstractions;
using Vla.Core.Text;
using static TorchSharp.torch;

namespace Vla.Core.Data.Streaming;

/// <summary>
/// A training source whose frames stay on disk: the <see cref="SampleTable"/> is in memory, frames are read from an
/// <see cref="IFrameStore"/> through a byte-bounded <see cref="FrameCache"/>. Once the trainer announces its batches
/// (<see cref="Plan"/>), a worker thread reads, lays out and augments them ahead of it, at most
/// <see cref="StreamingOptions.ReadAhead"/> batches ahead. Batches equal <see cref="TrainingData"/>'s for the same
/// requests, bit for bit.
/// </summary>
/// <remarks>The worker does no torch work: torch on a second thread would start a second OpenMP team on a 2-core
/// machine, whose spin-waiting costs far more than it saves. Augmentation is therefore managed code on the batch's
/// bytes (<see cref="ByteImageAugmentation"/>), so it runs here, overlapped with the trainer's step; the trainer only
/// turns the prepared bytes into tensors.</remarks>
internal sealed class StreamingTrainingData : ITrainingSource
{
    private readonly SampleTable _samples;
    private readonly FrameLoader _loader;
    private readonly PinnedBuffers _buffers;
    private readonly ByteImageAugmentation _augmentation;   // used by the worker only (or by the caller without a plan)
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
        _augmentation = new ByteImageAugmentation(_size);
    }

    public int Frames => _samples.Frames;

    public int EpisodeCount => _samples.EpisodeCount;

    /// <summary>Decoded frames kept for reuse (read by tests and measurements; owned by the worker while it runs).</summary>
    internal FrameCache Cache => _loader.Cache;

    internal bool WorkerRunning => _ahead?.IsRunning ?? false;

    public int[] FramesOf(IReadOnlySet<int> episodes) => _samples.FramesOf(episodes);

    public bool IsDecision(int frame) => _samples.IsDecision(frame);

    public AuxiliaryTargets Auxiliary(IReadOnlyList<int> frames) => _samples.Auxiliary(frames);

    /// <summary>Starts the worker on these requests; from now on <see cref="Batch"/> must follow them in order.</summary>
    public void Plan(IEnumerable<BatchRequest> requests)
    {
        if (_ahead is not null) throw new InvalidOperationException("the streaming source already has a plan");
        _ahead = new ReadAhead<Prepared>(cancel => requests.Select(r => Prepare(r, cancel)), _options.ReadAhead, "vla-stream-reader");
    }

    /// <summary>The next planned batch (reads on this thread when there is no plan). A failed read is rethrown here.</summary>
    public (ObservationBatch Batch, Tensor Target) Batch(BatchRequest request)
    {
        var prepared = _ahead is null ? Prepare(request, CancellationToken.None) : _ahead.Next();
        if (!prepared.Request.Matches(request))
            throw new InvalidOperationException($"asked for a batch ({request}) that the plan did not announce next " +
                                                $"({prepared.Request}; the trainer's requests must follow its plan exactly)");
        var frames = request.Frames;
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

    private Prepared Prepare(BatchRequest request, CancellationToken cancel)
    {
        var count = request.Frames.Count;
        var images = new byte[_cameras][];
        for (var c = 0; c < _cameras; c++) images[c] = _buffers.Rent(count * _loader.FrameBytes);
        _loader.Fill(request.Frames, images, cancel);
        if (request.AugmentSeed is { } seed)
        {
            var rng = new Random(seed);   // one Random across the cameras, in order, as TrainingData draws
            foreach (var bytes in images) _augmentation.Apply(bytes.AsSpan(0, count * _loader.FrameBytes), count, rng);
        }
        return new Prepared(request, images);
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

    /// <summary>A request's frames laid out (and augmented) as (B, 3, S, S) bytes per camera, in rented buffers.</summary>
    private sealed record Prepared(BatchRequest Request, byte[][] Images);
}
