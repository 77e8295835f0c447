using Vla.Abstractions;
using Xunit.Abstractions;
using Vla.Plugins.Heads;
using Vla.Plugins.Heads.L1Regression;
using static TorchSharp.torch;

namespace Vla.Plugins.Tests;

public class L1RegressionHeadTests(ITestOutputHelper output)
{
    private const int Width = 16;
    private static readonly ChunkShape Chunk = new(2, 3);

    /// <summary>LN(in) + Linear(in, h) + blocks x [LN(h) + Linear(h, h)] + LN(h) + Linear(h, out).</summary>
    private static long Expected(long input, long hidden, long outputs, int blocks = 2) =>
        2 * input + (input * hidden + hidden) + blocks * (2 * hidden + hidden * hidden + hidden)
        + 2 * hidden + (hidden * outputs + outputs);

    [Theory]
    [InlineData(48, 32, 3)]
    [InlineData(7, 5, 2)]
    public void MlpResNet_parameter_count_matches_the_formula(int input, int hidden, int outputs)
    {
        var model = new MlpResNet(input, hidden, outputs);
        TestUtil.ParameterCount(model).Should().Be(Expected(input, hidden, outputs));
        model.forward(randn(4, 2, input)).shape.Should().Equal(4, 2, outputs);
    }

    [Fact]
    public void Head_parameters_are_one_MlpResNet_over_D_slots_per_timestep()
    {
        var head = new L1RegressionHeadFactory().Create(new HeadContext(Width, Chunk),
            TestUtil.Options("head_options", ("hidden", 24)));
        TestUtil.ParameterCount(head).Should().Be(Expected(Chunk.D * Width, 24, Chunk.D));
        var byDefault = new L1RegressionHeadFactory().Create(new HeadContext(Width, Chunk), PartOptions.Empty("head_options"));
        TestUtil.ParameterCount(byDefault).Should().Be(Expected(Chunk.D * Width, Width, Chunk.D), "hidden defaults to the width");
    }

    [Fact]
    public void Each_timestep_reads_only_its_own_D_slots()
    {
        manual_seed(30);
        var head = new L1RegressionHead(new HeadContext(Width, Chunk), Width);
        var hidden = randn(2, Chunk.Scalars, Width);
        var perturbed = hidden.clone();
        perturbed[.., Chunk.D, ..].add_(randn(2, Width));                              // slot of (k=1, d=0)
        using var _ = no_grad();
        var a = head.Predict((_, _) => hidden, 2);
        var b = head.Predict((_, _) => perturbed, 2);
        TestUtil.MaxAbsDiff(a[.., 0, ..], b[.., 0, ..]).Should().Be(0);
        TestUtil.MaxAbsDiff(a[.., 1, ..], b[.., 1, ..]).Should().BeGreaterThan(1e-5);
    }

    [Fact]
    public void Head_overfits_a_fixed_batch_with_L1()
    {
        manual_seed(31);
        var head = new L1RegressionHead(new HeadContext(Width, Chunk), 32);
        var hidden = randn(8, Chunk.Scalars, Width);
        var target = rand(8, Chunk.K, Chunk.D) * 2 - 1;
        using var inputs = head.PrepareTraining(target, null);
        var optimizer = optim.Adam(head.parameters(), lr: 3e-3);

        double first = 0, last = 0;
        for (var step = 0; step < 300; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = head.Loss(hidden, inputs);
            loss.backward();
            optimizer.step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }

        output.WriteLine($"loss {first} -> {last}");
        last.Should().BeLessThan(first * 0.1, $"L1 loss went {first} -> {last}");
    }

    [Fact]
    public void Predict_is_clamped_to_the_normalised_range()
    {
        manual_seed(32);
        var head = new L1RegressionHead(new HeadContext(Width, Chunk), Width);
        using var _ = no_grad();
        var chunk = head.Predict((_, _) => randn(3, Chunk.Scalars, Width) * 100, 3);
        chunk.shape.Should().Equal(3, Chunk.K, Chunk.D);
        TestUtil.Floats(chunk).Should().OnlyContain(v => v >= -1 && v <= 1);
    }
}
