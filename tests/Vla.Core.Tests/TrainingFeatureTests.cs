using TorchSharp;
using Vla.Core.Data;
using Vla.Core.Plugins;
using Vla.Core.Training;
using static TorchSharp.torch;

namespace Vla.Core.Tests;

/// <summary>Gradient accumulation and training-image augmentation.</summary>
public class TrainingFeatureTests
{
    private static readonly List<Episode> Episodes = SyntheticTask.Generate(12, 32, seed: 31);

    private static string NewRun() => Path.Combine(Directory.CreateTempSubdirectory("vla-run-").FullName, "run");

    [Fact]
    public void Two_accumulated_micro_batches_equal_one_batch_of_twice_the_size()
    {
        // The L1 head uses no noise and the micro-batches draw the same frames in the same order, so one optimiser step
        // from 2 x 4 frames must land where one step from 8 frames does.
        using var catalog = PartCatalog.Load();
        var tiny = TinyRecipes.Oft(steps: 1);
        var spec = tiny.Training with { Steps = 1, ValidationFraction = 0, WarmupSteps = 1 };   // step 1 at the full rate
        var whole = Trainer.Train(tiny with { Training = spec with { BatchSize = 8 } }, Episodes, catalog, new TrainOptions(NewRun()));
        var accumulated = Trainer.Train(tiny with { Training = spec with { BatchSize = 4, GradientAccumulation = 2 } }, Episodes, catalog,
            new TrainOptions(NewRun()));
        var single = Trainer.Train(tiny with { Training = spec with { BatchSize = 4 } }, Episodes, catalog, new TrainOptions(NewRun()));

        MaxWeightDifference(whole.Run, accumulated.Run).Should().BeLessThan(1e-5f);
        MaxWeightDifference(whole.Run, single.Run).Should().BeGreaterThan(1e-4f, "half the batch gives another gradient");
        accumulated.FinalLoss.Should().BeApproximately(whole.FinalLoss, 1e-4);
    }

    [Fact]
    public void Augmentation_crops_and_jitters_within_range_and_repeats_for_a_seed()
    {
        using var scope = NewDisposeScope();
        var images = rand(6, 3, 32, 32);
        var a = ImageAugmentation.Apply(images, new Random(3));
        var b = ImageAugmentation.Apply(images, new Random(3));
        var c = ImageAugmentation.Apply(images, new Random(4));

        a.shape.Should().Equal(6, 3, 32, 32);
        a.min().item<float>().Should().BeGreaterThanOrEqualTo(0);
        a.max().item<float>().Should().BeLessThanOrEqualTo(1);
        (a - b).abs().max().item<float>().Should().Be(0, "the draws come from the given Random");
        (a - c).abs().max().item<float>().Should().BeGreaterThan(0.01f);
        (a - images).abs().mean().item<float>().Should().BeGreaterThan(0.01f);
    }

    [Fact]
    public void Augmentation_keeps_a_centred_object_near_the_centre()
    {
        // A bright square in the middle of a dark frame: a crop of >= 90% area moves it by at most ~5% of the side
        // and jitter keeps it the brightest region, so the weighted centre stays within 2 px of the middle.
        using var scope = NewDisposeScope();
        var images = zeros(16, 3, 64, 64);
        images[.., .., 28..36, 28..36] = tensor(1f);
        var augmented = ImageAugmentation.Apply(images, new Random(9));
        var weight = augmented.sum(1);                                 // (B, H, W)
        var coords = arange(64, ScalarType.Float32);
        var cy = (weight.sum(2) * coords).sum(1) / weight.sum([1, 2]);
        var cx = (weight.sum(1) * coords).sum(1) / weight.sum([1, 2]);
        foreach (var centre in new[] { cy, cx })
            (centre - 31.5f).abs().max().item<float>().Should().BeLessThan(2.5f);
    }

    [Fact]
    public void An_augmented_recipe_still_learns_and_resumes_bit_identically()
    {
        using var catalog = PartCatalog.Load();
        var tiny = TinyRecipes.Oft(steps: 12);
        var recipe = tiny with { Training = tiny.Training with { Steps = 12, Augment = true, GradientAccumulation = 2, ValidateEvery = 4 } };
        var straight = Trainer.Train(recipe, Episodes, catalog, new TrainOptions(NewRun()));
        var interrupted = NewRun();
        Trainer.Train(recipe, Episodes, catalog, new TrainOptions(interrupted, StopAfterStep: 5));
        Trainer.Train(recipe, Episodes, catalog, new TrainOptions(interrupted, Resume: true));
        MaxWeightDifference(straight.Run, interrupted).Should().Be(0);
    }

    private static float MaxWeightDifference(string runA, string runB)
    {
        using var scope = NewDisposeScope();
        var a = Safetensors(runA);
        var b = Safetensors(runB);
        return a.Keys.Max(k => (a[k] - b[k]).abs().max().item<float>());
    }

    private static Dictionary<string, Tensor> Safetensors(string run) =>
        TorchSharp.PyBridge.Safetensors.LoadStateDict(Path.Combine(run, "checkpoints", "latest", "model.safetensors"));
}
