using TorchSharp;
using Vla.Core.Data;
using Vla.Core.Plugins;
using Vla.Core.Training;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

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

    private static byte[] NoiseImages(int count, int size, int seed)
    {
        var bytes = new byte[count * 3 * size * size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void Augmentation_changes_the_images_and_repeats_for_a_seed()
    {
        var images = NoiseImages(6, 32, seed: 1);
        var (a, b, c) = ((byte[])images.Clone(), (byte[])images.Clone(), (byte[])images.Clone());
        var augmentation = new ByteImageAugmentation(32);

        augmentation.Apply(a, 6, new Random(3));
        augmentation.Apply(b, 6, new Random(3));
        augmentation.Apply(c, 6, new Random(4));

        a.Should().Equal(b, "the draws come from the given Random");
        MeanDifference(a, c).Should().BeGreaterThan(2, "another seed draws other crops and factors");
        MeanDifference(a, images).Should().BeGreaterThan(2);
    }

    [Fact]
    public void Augmentation_jitters_brightness_within_its_range_and_touches_only_the_given_images()
    {
        // A flat grey frame: crop, contrast (about its own mean) and saturation (r = g = b) leave it flat, so each image
        // comes out one value, the grey times its brightness factor in [0.8, 1.2].
        var images = Enumerable.Repeat((byte)100, 9 * 3 * 16 * 16).ToArray();

        new ByteImageAugmentation(16).Apply(images, 8, new Random(5));

        var perImage = images.Chunk(3 * 16 * 16).ToList();
        foreach (var image in perImage.Take(8))
        {
            image.Distinct().Should().ContainSingle();
            image[0].Should().BeInRange(80, 120);
        }
        perImage.Take(8).Select(i => i[0]).Distinct().Should().HaveCountGreaterThan(3, "each image draws its own factor");
        perImage[8].Should().OnlyContain(v => v == 100, "the ninth image was not asked for");
    }

    [Fact]
    public void Augmentation_keeps_a_centred_object_near_the_centre()
    {
        // A bright square in the middle of a dark frame: a crop of >= 90% area moves it by at most ~5% of the side
        // and jitter keeps it the brightest region, so the weighted centre stays within 2 px of the middle.
        const int size = 64, count = 16;
        var images = new byte[count * 3 * size * size];
        for (var i = 0; i < count * 3; i++)
        for (var y = 28; y < 36; y++)
            images.AsSpan(i * size * size + y * size + 28, 8).Fill(255);

        new ByteImageAugmentation(size).Apply(images, count, new Random(9));

        foreach (var image in images.Chunk(3 * size * size))
        {
            var (weight, cy, cx) = (0.0, 0.0, 0.0);
            for (var p = 0; p < image.Length; p++)
            {
                var (y, x) = (p % (size * size) / size, p % size);
                (weight, cy, cx) = (weight + image[p], cy + image[p] * y, cx + image[p] * x);
            }
            (cy / weight).Should().BeApproximately(31.5, 2.5);
            (cx / weight).Should().BeApproximately(31.5, 2.5);
        }
    }

    [Fact]
    public void Augmentation_with_the_identity_draw_returns_the_image_unchanged()
    {
        var image = NoiseImages(1, 24, seed: 2);
        var copy = (byte[])image.Clone();

        new ByteImageAugmentation(24).Apply(copy, ByteImageAugmentation.Draw.Identity);

        copy.Should().Equal(image);
    }

    [Theory]
    [InlineData(0.93, 0.04, -0.05, 1.15f, 0.85f, 1.18f)]
    [InlineData(0.9487, -0.0513, 0.0513, 0.82f, 1.19f, 0.81f)]   // smallest crop at a corner: border clamping
    public void Augmentation_matches_the_torch_formulation_within_one_level(double side, double x, double y, float brightness,
        float contrast, float saturation)
    {
        // The former torch implementation (affine_grid + grid_sample, colour ops on [0, 1] floats), rounded to bytes.
        const int size = 32;
        var draw = new ByteImageAugmentation.Draw(side, x, y, brightness, contrast, saturation);
        var image = SmoothNoise(size, seed: 6);
        using var scope = NewDisposeScope();
        var pixels = tensor(image, [1, 3, size, size]).to(ScalarType.Float32).div(255f);
        var theta = tensor(new[] { (float)side, 0, (float)x, 0, (float)side, (float)y }, [1, 2, 3]);
        var grid = F.affine_grid(theta, pixels.shape, align_corners: false);
        var v = F.grid_sample(pixels, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false);
        v = (v * brightness).clamp(0, 1);
        var mean = Grey(v).mean();
        v = ((v - mean) * contrast + mean).clamp(0, 1);
        var grey = Grey(v);
        v = ((v - grey) * saturation + grey).clamp(0, 1);
        var expected = (v * 255).round().to(ScalarType.Int32).data<int>().ToArray();

        var actual = (byte[])image.Clone();
        new ByteImageAugmentation(size).Apply(actual, draw);

        actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max().Should().BeLessThanOrEqualTo(1);
        MeanDifference(actual, image).Should().BeGreaterThan(5, "the draw is far from the identity");
    }

    [Fact]
    public void Training_micro_batches_are_augmented_and_validation_batches_never()
    {
        var spec = TinyRecipes.Oft().Training with { Steps = 6, BatchSize = 4, GradientAccumulation = 2, ValidateEvery = 2, Augment = true };
        int[] train = [.. Enumerable.Range(0, 40)], validation = [.. Enumerable.Range(40, 10)];

        var requests = BatchPlan.Requests(train, validation, [], spec, startStep: 0, lastStep: 6).ToList();
        var plain = BatchPlan.Requests(train, validation, [], spec with { Augment = false }, 0, 6).ToList();

        var held = requests.Where(r => r.Frames.All(f => f >= 40)).ToList();
        held.Should().HaveCount(4 * 3, "validation at steps 1, 2, 4, 6 in chunks of 4, 4, 2").And.OnlyContain(r => r.AugmentSeed == null);
        BatchPlan.ValidationChunks(validation, spec).Should().OnlyContain(r => r.AugmentSeed == null);
        var trained = requests.Except(held).ToList();
        trained.Should().HaveCount(6 * 2).And.OnlyContain(r => r.Frames.All(f => f < 40));
        trained.Select(r => r.AugmentSeed).Should().OnlyHaveUniqueItems().And.NotContainNulls();
        plain.Should().OnlyContain(r => r.AugmentSeed == null);
        plain.Select(r => r.Frames).Should().BeEquivalentTo(requests.Select(r => r.Frames), o => o.WithStrictOrdering(),
            "augmentation does not change which frames are drawn");
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

    private static double MeanDifference(byte[] a, byte[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();

    // ITU-R 601 luma of (B, 3, H, W), kept as (B, 1, H, W) to broadcast over the channels.
    private static Tensor Grey(Tensor x) => 0.299f * x[.., 0..1] + 0.587f * x[.., 1..2] + 0.114f * x[.., 2..3];

    /// <summary>Noise with structure at a few pixels' scale: bilinear sampling between pixels matters, as in real frames.</summary>
    private static byte[] SmoothNoise(int size, int seed)
    {
        var rng = new Random(seed);
        var image = new byte[3 * size * size];
        for (var c = 0; c < 3; c++)
        for (var p = 0; p < size * size; p++)
        {
            var (y, x) = (p / size, p % size);
            image[c * size * size + p] = (byte)Math.Clamp(128 + 90 * Math.Sin(x * 0.7 + c) * Math.Cos(y * 0.45 - c) + rng.Next(-30, 31), 0, 255);
        }
        return image;
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
