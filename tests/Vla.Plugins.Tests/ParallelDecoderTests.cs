using Vla.Abstractions;
using Vla.Plugins.Decoders.Parallel;
using Vla.Plugins.Heads.L1Regression;
using static TorchSharp.torch;

namespace Vla.Plugins.Tests;

public class ParallelDecoderTests
{
    private const int Width = 16;
    private static readonly ChunkShape Chunk = new(2, 3);   // S = 6 slots

    [Fact]
    public void Empty_slots_are_zero_inputs_after_the_prefix_with_a_null_mask()
    {
        manual_seed(1);
        using var spy = new SpyBackbone(new TinyBackbone(Width));
        var head = new L1RegressionHead(new HeadContext(Width, Chunk), Width);
        var prefix = randn(2, 5, Width);
        using var inputs = head.PrepareTraining(rand(2, Chunk.K, Chunk.D) * 2 - 1, null);

        var hidden = new ParallelDecoder().TrainingHidden(spy, prefix, head, inputs);

        hidden.shape.Should().Equal(2, Chunk.Scalars, Width);
        spy.Calls.Should().HaveCount(1);
        var (embeds, mask, _) = spy.Calls[0];
        mask.Should().BeNull("null = bidirectional attention over every token");
        embeds.shape.Should().Equal(2, 5 + Chunk.Scalars, Width);
        TestUtil.MaxAbsDiff(embeds[.., ..5, ..], prefix).Should().Be(0, "the prefix comes first, unchanged");
        TestUtil.Floats(embeds[.., 5.., ..]).Should().OnlyContain(v => v == 0f, "empty action slots are all zeros");
    }

    [Fact]
    public void Predict_runs_one_forward_with_zero_slots_and_returns_the_chunk()
    {
        manual_seed(2);
        using var spy = new SpyBackbone(new TinyBackbone(Width));
        var head = new L1RegressionHead(new HeadContext(Width, Chunk), Width);
        var decoder = new ParallelDecoder();
        var prefix = randn(3, 4, Width);

        using var _ = no_grad();
        var chunk = decoder.Predict(spy, prefix, head);

        chunk.shape.Should().Equal(3, Chunk.K, Chunk.D);
        decoder.ForwardsPerChunk(head).Should().Be(1);
        spy.Calls.Should().HaveCount(decoder.ForwardsPerChunk(head));
        spy.Calls[0].Mask.Should().BeNull();
        TestUtil.MaxAbsDiff(spy.Calls[0].Embeds[.., ..4, ..], prefix).Should().Be(0);
        TestUtil.Floats(spy.Calls[0].Embeds[.., 4.., ..]).Should().OnlyContain(v => v == 0f);
    }

    [Fact]
    public void Extra_tokens_sit_between_the_prefix_and_the_slots()
    {
        manual_seed(3);
        using var spy = new SpyBackbone(new TinyBackbone(Width));
        var head = new L1RegressionHead(new HeadContext(Width, Chunk), Width);
        var prefix = randn(2, 3, Width);
        var extra = randn(2, 1, Width);
        var slots = randn(2, Chunk.Scalars, Width);
        using var inputs = new HeadTrainingInputs(zeros(2, Chunk.K, Chunk.D)) { SlotInputs = slots, ExtraTokens = extra };

        var hidden = new ParallelDecoder().TrainingHidden(spy, prefix, head, inputs);

        hidden.shape.Should().Equal(2, Chunk.Scalars, Width);
        var embeds = spy.Calls.Single().Embeds;
        embeds.shape.Should().Equal(2, 3 + 1 + Chunk.Scalars, Width);
        TestUtil.MaxAbsDiff(embeds[.., ..3, ..], prefix).Should().Be(0);
        TestUtil.MaxAbsDiff(embeds[.., 3..4, ..], extra).Should().Be(0);
        TestUtil.MaxAbsDiff(embeds[.., 4.., ..], slots).Should().Be(0);
    }

    [Fact]
    public void Attention_is_bidirectional_a_later_slot_changes_an_earlier_one()
    {
        manual_seed(4);
        var backbone = new TinyBackbone(Width);
        var head = new L1RegressionHead(new HeadContext(Width, Chunk), Width);
        var decoder = new ParallelDecoder();
        var prefix = randn(2, 4, Width);
        var slots = randn(2, Chunk.Scalars, Width);
        var perturbed = slots.clone();
        perturbed[.., ^1, ..].add_(randn(2, Width));                                // only the LAST slot moves (random: LayerNorm would cancel a constant shift)

        using var _ = no_grad();
        using var a = new HeadTrainingInputs(zeros(2, Chunk.K, Chunk.D)) { SlotInputs = slots };
        using var b = new HeadTrainingInputs(zeros(2, Chunk.K, Chunk.D)) { SlotInputs = perturbed };
        var h1 = decoder.TrainingHidden(backbone, prefix, head, a);
        var h2 = decoder.TrainingHidden(backbone, prefix, head, b);

        TestUtil.MaxAbsDiff(h1[.., 0, ..], h2[.., 0, ..]).Should().BeGreaterThan(1e-4,
            "with bidirectional attention the first slot sees the last one");
    }

    [Fact]
    public void Zero_slots_differ_only_by_position_yet_get_distinct_hidden_states()
    {
        manual_seed(5);
        var backbone = new TinyBackbone(Width);
        var head = new L1RegressionHead(new HeadContext(Width, Chunk), Width);
        using var _ = no_grad();
        using var inputs = new HeadTrainingInputs(zeros(1, Chunk.K, Chunk.D));
        var hidden = new ParallelDecoder().TrainingHidden(backbone, randn(1, 3, Width), head, inputs);
        for (var i = 1; i < Chunk.Scalars; i++)
            TestUtil.MaxAbsDiff(hidden[.., 0, ..], hidden[.., i, ..]).Should().BeGreaterThan(1e-3);
    }
}
