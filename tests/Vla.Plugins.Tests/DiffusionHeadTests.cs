extern alias diffusion;
using diffusion::Vla.Plugins.Heads.Diffusion;
using Vla.Abstractions;
using Xunit.Abstractions;
using Vla.Plugins.Decoders.Parallel;
using static TorchSharp.torch;

namespace Vla.Plugins.Tests;

public class DiffusionHeadTests(ITestOutputHelper output)
{
    private const int Width = 16;
    private static readonly ChunkShape Chunk = new(2, 3);

    private static DiffusionHead Create(params (string, object)[] options) =>
        (DiffusionHead)new DiffusionHeadFactory().Create(new HeadContext(Width, Chunk), TestUtil.Options("head_options", options));

    [Fact]
    public void Alphas_cumprod_decrease_in_0_1_and_match_the_closed_form()
    {
        var schedule = new DdimSchedule(50);
        var ab = schedule.AlphasCumprod;
        ab.Should().HaveCount(50);
        ab.Should().OnlyContain(a => a > 0 && a < 1);
        for (var t = 1; t < ab.Count; t++) ab[t].Should().BeLessThan(ab[t - 1]);

        var uncapped = 0;
        for (var t = 0; t < ab.Count; t++)
        {
            var beta = 1 - DdimSchedule.AlphaBar((t + 1.0) / 50) / DdimSchedule.AlphaBar((double)t / 50);
            if (beta >= 0.999) break;                                       // the cap only bites at the very end
            ab[t].Should().BeApproximately(DdimSchedule.AlphaBar((t + 1.0) / 50) / DdimSchedule.AlphaBar(0), 1e-6);
            uncapped++;
        }
        uncapped.Should().BeGreaterThanOrEqualTo(49);
        ab[^1].Should().BeLessThan(1e-3, "the last step is (almost) pure noise");
    }

    [Fact]
    public void Add_noise_matches_the_closed_form_for_given_noise()
    {
        manual_seed(40);
        var schedule = new DdimSchedule(50);
        var x0 = rand(5, Chunk.K, Chunk.D) * 2 - 1;
        var noise = randn(5, Chunk.K, Chunk.D);
        var t = tensor(new long[] { 0, 7, 24, 38, 49 });

        var noisy = schedule.AddNoise(x0, noise, t);

        noisy.shape.Should().Equal(x0.shape);
        var ts = TestUtil.Longs(t);
        for (var i = 0; i < ts.Length; i++)
        {
            var ab = schedule.AlphasCumprod[(int)ts[i]];
            var expected = Math.Sqrt(ab) * x0[i].to(ScalarType.Float64) + Math.Sqrt(1 - ab) * noise[i].to(ScalarType.Float64);
            TestUtil.MaxAbsDiff(noisy[i].to(ScalarType.Float64), expected).Should().BeLessThan(1e-6);
        }
    }

    [Fact]
    public void Iterating_the_one_step_kernel_matches_the_closed_form_in_distribution()
    {
        manual_seed(41);
        var schedule = new DdimSchedule(50);
        var ab = schedule.AlphasCumprod;
        const double x0 = 0.6;
        const int samples = 40000;
        var x = full(samples, x0, dtype: ScalarType.Float64);
        var previous = 1.0;
        for (var t = 0; t < 50; t++)                                       // q(x_t | x_{t-1}) with beta_t = 1 - ab_t / ab_{t-1}
        {
            using var scope = NewDisposeScope();
            var beta = 1 - ab[t] / previous;
            previous = ab[t];
            x = (Math.Sqrt(1 - beta) * x + Math.Sqrt(beta) * randn(samples, dtype: ScalarType.Float64)).MoveToOuterDisposeScope();
            if (t is 0 or 9 or 24 or 48 or 49)
            {
                // Closed form: N(sqrt(ab_t) x0, 1 - ab_t); tolerances are 5 standard errors of the estimates.
                var expectedVariance = 1 - ab[t];
                var mean = x.mean().item<double>();
                var variance = x.var().item<double>();
                mean.Should().BeApproximately(Math.Sqrt(ab[t]) * x0, 5 * Math.Sqrt(expectedVariance / samples), $"mean at t={t}");
                variance.Should().BeApproximately(expectedVariance, 5 * expectedVariance * Math.Sqrt(2.0 / samples), $"variance at t={t}");
            }
        }
    }

    [Fact]
    public void Inference_timesteps_are_evenly_spaced_from_noisiest_to_cleanest()
    {
        new DdimSchedule(50).InferenceTimesteps(10).Should().Equal(45, 40, 35, 30, 25, 20, 15, 10, 5, 0);
        new DdimSchedule(50).InferenceTimesteps(50).Should().Equal(Enumerable.Range(0, 50).Reverse());
    }

    [Fact]
    public void Ddim_step_with_the_true_noise_recovers_x0()
    {
        manual_seed(42);
        var schedule = new DdimSchedule(50);
        var x0 = rand(3, Chunk.K, Chunk.D) * 1.8f - 0.9f;
        var noise = randn(3, Chunk.K, Chunk.D);
        var xt = schedule.AddNoise(x0, noise, full(3, 25, dtype: ScalarType.Int64));
        var (previous, original) = schedule.Step(xt, noise, 25, -1);
        TestUtil.MaxAbsDiff(original, x0).Should().BeLessThan(1e-5);
        TestUtil.MaxAbsDiff(previous, x0).Should().BeLessThan(1e-5, "the last step is clean (alpha set to one)");
    }

    [Fact]
    public void Noise_mse_falls_when_trained_on_a_fixed_batch()
    {
        manual_seed(43);
        var backbone = new TinyBackbone(Width);
        var head = Create();
        var decoder = new ParallelDecoder();
        var prefix = randn(8, 3, Width);
        var target = rand(8, Chunk.K, Chunk.D) * 2 - 1;
        var optimizer = optim.Adam(head.parameters().Concat(backbone.parameters()), lr: 3e-3);

        double Step(bool train)
        {
            using var scope = NewDisposeScope();
            var generator = new Generator(7);                             // same noise and timesteps every step
            using var inputs = head.PrepareTraining(target, generator);
            inputs.SlotInputs!.shape.Should().Equal(8, Chunk.Scalars, Width);
            inputs.ExtraTokens!.shape.Should().Equal(8, 1, Width);
            inputs.Aux!.shape.Should().Equal(8, Chunk.K, Chunk.D);
            var loss = head.Loss(decoder.TrainingHidden(backbone, prefix, head, inputs), inputs);
            if (train)
            {
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
            return loss.item<float>();
        }

        var first = Step(train: false);
        for (var i = 0; i < 60; i++) Step(train: true);
        var last = Step(train: false);
        output.WriteLine($"loss {first} -> {last}");
        last.Should().BeLessThan(first * 0.2, $"noise MSE went {first} -> {last}");
    }

    [Fact]
    public void Predict_through_a_slot_pass_is_bounded_and_deterministic()
    {
        manual_seed(44);
        using var spy = new SpyBackbone(new TinyBackbone(Width));
        var head = Create(("inference_steps", 5));
        var decoder = new ParallelDecoder();
        var prefix = randn(2, 3, Width);

        using var _ = no_grad();
        var a = decoder.Predict(spy, prefix, head);
        var calls = spy.Calls.Count;
        var b = decoder.Predict(spy, prefix, head);

        a.shape.Should().Equal(2, Chunk.K, Chunk.D);
        TestUtil.Floats(a).Should().OnlyContain(v => v >= -1 && v <= 1);
        TestUtil.Floats(a).Should().Equal(TestUtil.Floats(b));
        calls.Should().Be(5, "one backbone forward per denoising step");
        // Each pass: [prefix][timestep token][K*D noisy-action slots].
        spy.Calls[0].Embeds.shape.Should().Equal(2, 3 + head.ExtraTokenCount + head.SlotCount, Width);
        head.ExtraTokenCount.Should().Be(1);
    }

    [Fact]
    public void Factory_refuses_inference_steps_that_do_not_divide_train_steps()
    {
        var act = () => Create(("train_steps", 50), ("inference_steps", 7));
        act.Should().Throw<RecipeException>().Which.Field.Should().Be("head_options.inference_steps");
        Create(("train_steps", 50), ("inference_steps", 25)).Should().NotBeNull();
    }

    [Fact]
    public void Factory_refuses_inference_steps_above_train_steps()
    {
        var act = () => Create(("train_steps", 10), ("inference_steps", 20));
        act.Should().Throw<RecipeException>().Which.Field.Should().Be("head_options.inference_steps");
    }
}
