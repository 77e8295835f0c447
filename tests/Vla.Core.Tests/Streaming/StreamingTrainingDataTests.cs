using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Data.Streaming;
using Vla.Core.Text;
using static TorchSharp.torch;

namespace Vla.Core.Tests.Streaming;

/// <summary>The streaming source serves the in-memory source's batches, reads ahead, bounds its memory and fails loudly.</summary>
public class StreamingTrainingDataTests
{
    private static readonly Recipe Recipe = TinyRecipes.Oft();

    private static (DatasetStatistics, InstructionTokenizer) Prepare(IReadOnlyList<Episode> episodes) =>
        (StatisticsCalculator.Compute(episodes), InstructionTokenizer.Fit(episodes.Select(e => e.Instruction), Recipe.MaxInstructionTokens));

    private static StreamingTrainingData Streaming(IFrameStore store, StreamingOptions? options = null)
    {
        var (stats, tokenizer) = Prepare(store.Episodes);
        return new StreamingTrainingData(Recipe, store, stats, tokenizer, options ?? new StreamingOptions());
    }

    private static BatchRequest[] Requests(int count, int batch, int frames, int seed = 1)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => new BatchRequest(Enumerable.Range(0, batch).Select(_ => rng.Next(frames)).ToArray())).ToArray();
    }

    [Theory]
    [InlineData(32)]   // stored at the recipe's size
    [InlineData(40)]   // resized to it (bilinear, as the in-memory source does)
    public void Batches_equal_the_in_memory_batches_for_the_same_requests(int storedSize)
    {
        var episodes = SyntheticTask.Generate(6, storedSize, seed: 4);
        var (stats, tokenizer) = Prepare(episodes);
        using var memory = new TrainingData(Recipe, episodes, stats, tokenizer);
        using var store = new MemoryFrameStore(episodes);
        using var streaming = Streaming(store);
        // Plain and augmented requests: the worker augments as the in-memory source does, with the same draws.
        var requests = Requests(5, 7, memory.Frames).Select((r, i) => i % 2 == 0 ? r : r with { AugmentSeed = 100 + i })
            .Append(new BatchRequest([0, memory.Frames - 1, 0], AugmentSeed: 7)).ToArray();

        streaming.Plan(requests);

        foreach (var request in requests) SameBatch(streaming.Batch(request), memory.Batch(request));
    }

    [Fact]
    public void Without_a_plan_batches_are_read_on_the_callers_thread()
    {
        var episodes = SyntheticTask.Generate(3, 32, seed: 5);
        var (stats, tokenizer) = Prepare(episodes);
        using var memory = new TrainingData(Recipe, episodes, stats, tokenizer);
        using var streaming = Streaming(new MemoryFrameStore(episodes));

        SameBatch(streaming.Batch(new BatchRequest([3, 1, 4], 5)), memory.Batch(new BatchRequest([3, 1, 4], 5)));
        streaming.WorkerRunning.Should().BeFalse();
    }

    [Fact]
    public void The_worker_reads_ahead_of_the_trainer_but_no_further_than_allowed()
    {
        var episodes = SyntheticTask.Generate(4, 32, seed: 6);
        var store = new MemoryFrameStore(episodes);
        using var streaming = Streaming(store, new StreamingOptions(CacheBytes: 0, ReadAhead: 2));
        var frames = Enumerable.Range(0, 10).Select(i => new BatchRequest([i, i + 10])).ToArray();

        streaming.Plan(frames);
        SpinWait.SpinUntil(() => store.Reads >= 3 * 2 * 2, TimeSpan.FromSeconds(10));
        Thread.Sleep(100);

        // Two batches queued plus the one the worker holds while it waits: 3 batches x 2 frames x 2 cameras.
        store.Reads.Should().Be(12, "nothing has been taken yet, so the worker must stop once the queue is full");
        DisposeBatch(streaming.Batch(frames[0]));
        SpinWait.SpinUntil(() => store.Reads >= 16, TimeSpan.FromSeconds(10));
        store.Reads.Should().Be(16);
    }

    [Fact]
    public void The_cache_never_holds_more_than_its_byte_budget()
    {
        var episodes = SyntheticTask.Generate(8, 32, seed: 7);
        var frameBytes = 2 * 3 * 32 * 32;
        var budget = 20L * frameBytes;
        var store = new MemoryFrameStore(episodes);
        using var streaming = Streaming(store, new StreamingOptions(CacheBytes: budget));
        var requests = Requests(40, 8, streaming.Frames);

        streaming.Plan(requests);
        foreach (var request in requests) DisposeBatch(streaming.Batch(request));

        streaming.Cache.Bytes.Should().BeLessThanOrEqualTo(budget).And.BeGreaterThan(budget / 2);
        streaming.Cache.Hits.Should().BeGreaterThan(0, "some frames repeat within the cache's reach");
        store.Reads.Should().BeGreaterThan(streaming.Frames * 2, "the data does not fit, so frames are read again");
    }

    [Fact]
    public void A_failed_read_surfaces_in_the_trainers_thread_after_the_good_batches()
    {
        var episodes = SyntheticTask.Generate(4, 32, seed: 8);
        var store = new MemoryFrameStore(episodes) { FailAt = (2, 3) };
        using var streaming = Streaming(store);
        var bad = 2 * SyntheticTask.Steps + 3;
        BatchRequest[] requests = [new([0, 1]), new([5, 6]), new([7, bad]), new([8, 9])];

        streaming.Plan(requests);
        DisposeBatch(streaming.Batch(requests[0]));
        DisposeBatch(streaming.Batch(requests[1]));
        var next = () => streaming.Batch(requests[2]);

        next.Should().Throw<VlaException>().WithMessage("/data/task_2.hdf5: cannot read 'data/demo_2/obs/agentview_rgb'*");
        SpinWait.SpinUntil(() => !streaming.WorkerRunning, TimeSpan.FromSeconds(10)).Should().BeTrue("the worker stops at the first failure");
    }

    [Fact]
    public void A_request_the_plan_did_not_announce_is_refused()
    {
        var episodes = SyntheticTask.Generate(2, 32, seed: 9);
        using var streaming = Streaming(new MemoryFrameStore(episodes));
        using var augmented = Streaming(new MemoryFrameStore(episodes));
        streaming.Plan([new([0, 1]), new([2, 3])]);
        augmented.Plan([new([0, 1], AugmentSeed: 3)]);

        var otherFrames = () => streaming.Batch(new BatchRequest([2, 3]));
        var otherAugmentation = () => augmented.Batch(new BatchRequest([0, 1]));

        otherFrames.Should().Throw<InvalidOperationException>().WithMessage("*plan*");
        otherAugmentation.Should().Throw<InvalidOperationException>().WithMessage("*(frames 0, 1, not augmented)*(frames 0, 1, augmented with seed 3*",
            "a batch augmented ahead with another seed is another batch");
    }

    [Fact]
    public void Disposing_stops_the_worker()
    {
        var episodes = SyntheticTask.Generate(2, 32, seed: 10);
        var store = new MemoryFrameStore(episodes) { Delay = TimeSpan.FromMilliseconds(2) };
        var streaming = Streaming(store);
        streaming.Plan(Endless(streaming.Frames));
        SpinWait.SpinUntil(() => store.Reads > 0, TimeSpan.FromSeconds(10));
        streaming.WorkerRunning.Should().BeTrue();

        streaming.Dispose();

        streaming.WorkerRunning.Should().BeFalse();
        var reads = store.Reads;
        Thread.Sleep(50);
        store.Reads.Should().Be(reads, "nothing reads after Dispose returns");
    }

    private static IEnumerable<BatchRequest> Endless(int frames)
    {
        for (var i = 0; ; i++) yield return new BatchRequest([i % frames, (i * 7) % frames], AugmentSeed: i);
    }

    private static void SameBatch((ObservationBatch Batch, Tensor Target) actual, (ObservationBatch Batch, Tensor Target) expected)
    {
        using var scope = NewDisposeScope();
        var (a, e) = (actual.Batch, expected.Batch);
        a.Images.Should().HaveCount(e.Images.Count);
        for (var c = 0; c < e.Images.Count; c++)
        {
            a.Images[c].shape.Should().Equal(e.Images[c].shape);
            a.Images[c].data<float>().ToArray().Should().Equal(e.Images[c].data<float>().ToArray());
        }
        a.Tokens.data<long>().ToArray().Should().Equal(e.Tokens.data<long>().ToArray());
        a.TokenMask.data<bool>().ToArray().Should().Equal(e.TokenMask.data<bool>().ToArray());
        a.Proprio!.data<float>().ToArray().Should().Equal(e.Proprio!.data<float>().ToArray());
        actual.Target.data<float>().ToArray().Should().Equal(expected.Target.data<float>().ToArray());
        DisposeBatch(actual);
        DisposeBatch(expected);
    }

    private static void DisposeBatch((ObservationBatch Batch, Tensor Target) batch)
    {
        batch.Batch.Dispose();
        batch.Target.Dispose();
    }
}
