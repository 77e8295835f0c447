using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Data.Streaming;
using Vla.Core.Plugins;
using Vla.Core.Training;

namespace Vla.Core.Tests.Streaming;

/// <summary>Training from a frame store: the in-memory run's weights, exact resume, and a failing read ends the run loudly.</summary>
public class StreamingTrainerTests
{
    private static readonly List<Episode> Episodes = SyntheticTask.Generate(12, 32, seed: 21);

    private static string NewRun() => Path.Combine(Directory.CreateTempSubdirectory("vla-run-").FullName, "run");

    private static byte[] Weights(string run) => File.ReadAllBytes(Path.Combine(run, "checkpoints", "latest", "model.safetensors"));

    // Validation every 3 steps, two micro-batches per step and augmentation: every kind of request the trainer makes.
    private static Recipe Recipe()
    {
        var tiny = TinyRecipes.Oft(steps: 7);
        return tiny with { Training = tiny.Training with { BatchSize = 4, GradientAccumulation = 2, ValidateEvery = 3, Augment = true } };
    }

    [Fact]
    public void Streaming_gives_the_in_memory_weights_and_losses()
    {
        using var catalog = PartCatalog.Load();
        var memory = Trainer.Train(Recipe(), Episodes, catalog, new TrainOptions(NewRun()));
        using var store = new MemoryFrameStore(Episodes);

        var streamed = Trainer.Train(Recipe(), store, catalog, new TrainOptions(NewRun()), new StreamingOptions(CacheBytes: 40 * 2 * 3 * 32 * 32));

        Weights(streamed.Run).Should().Equal(Weights(memory.Run), "the same frames arrive in the same batches");
        streamed.FinalLoss.Should().Be(memory.FinalLoss);
        streamed.FinalValidationLoss.Should().Be(memory.FinalValidationLoss);
        File.ReadAllText(Path.Combine(streamed.Run, "statistics.json")).Should().Be(File.ReadAllText(Path.Combine(memory.Run, "statistics.json")));
    }

    [Fact]
    public void A_streamed_run_resumes_bit_identically()
    {
        using var catalog = PartCatalog.Load();
        using var store = new MemoryFrameStore(Episodes);
        var straight = Trainer.Train(Recipe(), store, catalog, new TrainOptions(NewRun()));
        var run = NewRun();
        Trainer.Train(Recipe(), store, catalog, new TrainOptions(run, StopAfterStep: 4)).Steps.Should().Be(4);

        var resumed = Trainer.Train(Recipe(), store, catalog, new TrainOptions(run, Resume: true));

        resumed.StartStep.Should().Be(4);
        Weights(run).Should().Equal(Weights(straight.Run));
    }

    [Fact]
    public void A_read_failing_mid_training_stops_the_run_with_the_readers_error()
    {
        using var catalog = PartCatalog.Load();
        using var store = new MemoryFrameStore(Episodes) { FailAt = (5, 2) };
        var tiny = TinyRecipes.Oft(steps: 200);
        var recipe = tiny with { Training = tiny.Training with { BatchSize = 4 } };
        var run = NewRun();

        var train = () => Trainer.Train(recipe, store, catalog, new TrainOptions(run));

        train.Should().Throw<VlaException>().WithMessage("/data/task_5.hdf5: cannot read 'data/demo_5/obs/*_rgb'*");
        File.Exists(Path.Combine(run, "recipe.json")).Should().BeTrue("the run had started");
    }
}
