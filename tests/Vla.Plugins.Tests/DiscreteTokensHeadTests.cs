using Vla.Abstractions;
using Xunit.Abstractions;
using Vla.Plugins.Heads.DiscreteTokens;
using static TorchSharp.torch;

namespace Vla.Plugins.Tests;

public class DiscreteTokensHeadTests(ITestOutputHelper output)
{
    private const int Width = 32;
    private static readonly ChunkShape Chunk = new(2, 3);

    private static DiscreteTokensHead CreateDefault() =>
        (DiscreteTokensHead)new DiscreteTokensHeadFactory().Create(new HeadContext(Width, Chunk), PartOptions.Empty("head_options"));

    [Fact]
    public void Default_is_256_bins_and_255_token_classes()
    {
        manual_seed(20);
        var head = CreateDefault();
        head.VocabularySize.Should().Be(255);
        new ActionBins(256).Classes.Should().Be(255);
        new ActionBins(256).Width.Should().BeApproximately(2f / 255, 1e-9f);
    }

    [Fact]
    public void Round_trip_is_within_half_a_bin_and_tokens_are_in_range()
    {
        manual_seed(21);
        var head = CreateDefault();
        // 2001 evenly spaced values incl. both ends, plus random ones; shaped as (B, K, D) chunks.
        var values = cat([linspace(-1, 1, 2001), tensor(new[] { -1f, 1f, 0f }), rand(1000) * 2 - 1]);
        var count = values.shape[0] / Chunk.Scalars * Chunk.Scalars;
        var actions = values[..(int)count].reshape(-1, Chunk.K, Chunk.D);

        var tokens = head.Tokenize(actions);
        tokens.dtype.Should().Be(ScalarType.Int64);
        tokens.shape.Should().Equal(actions.shape[0], Chunk.Scalars);
        TestUtil.Longs(tokens).Should().OnlyContain(t => t >= 0 && t <= 254);

        var back = head.Detokenize(tokens);
        back.shape.Should().Equal(actions.shape);
        TestUtil.MaxAbsDiff(back, actions).Should().BeLessThanOrEqualTo(1.0 / 255 + 1e-6);
    }

    [Fact]
    public void Ends_map_to_the_first_and_last_bins_and_out_of_range_values_clamp()
    {
        var bins = new ActionBins(256);
        TestUtil.Longs(bins.ToTokens(tensor(new[] { -1f, 1f, -3f, 2f }))).Should().Equal(0, 254, 0, 254);
        TestUtil.Floats(bins.ToActions(tensor(new long[] { 0, 254 })))
            .Should().Equal(new[] { -1f + 1f / 255, 1f - 1f / 255 }, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Bin_centres_round_trip_exactly_to_their_token()
    {
        var bins = new ActionBins(256);
        var all = arange(255, dtype: ScalarType.Int64);
        TestUtil.Longs(bins.ToTokens(bins.ToActions(all))).Should().Equal(TestUtil.Longs(all));
    }

    [Fact]
    public void Cross_entropy_head_overfits_a_fixed_batch()
    {
        manual_seed(22);
        var head = CreateDefault();
        var hidden = randn(4, Chunk.Scalars, Width);                      // fixed slot hidden states
        var target = rand(4, Chunk.K, Chunk.D) * 2 - 1;
        using var inputs = head.PrepareTraining(target, null);
        var optimizer = optim.Adam(head.parameters(), lr: 1e-2);

        double first = 0, last = 0;
        for (var step = 0; step < 200; step++)
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
        last.Should().BeLessThan(first * 0.1, $"loss went {first} -> {last}");
        using var _ = no_grad();
        var predicted = head.Detokenize(head.Logits(hidden).argmax(-1));
        TestUtil.MaxAbsDiff(predicted, target).Should().BeLessThanOrEqualTo(2.0 / 255 + 1e-6, "within one bin");
    }

    [Fact]
    public void Predict_reads_every_slot_from_one_pass()
    {
        manual_seed(23);
        var head = CreateDefault();
        var calls = 0;
        var hidden = randn(2, Chunk.Scalars, Width);
        using var _ = no_grad();
        var chunk = head.Predict((slots, extra) =>
        {
            calls++;
            slots.Should().BeNull();
            extra.Should().BeNull();
            return hidden;
        }, 2);
        calls.Should().Be(1);
        chunk.shape.Should().Equal(2, Chunk.K, Chunk.D);
        TestUtil.Floats(chunk).Should().Equal(TestUtil.Floats(head.Detokenize(head.Logits(hidden).argmax(-1))));
    }

    [Fact]
    public void Start_and_token_embeddings_have_the_model_width()
    {
        manual_seed(24);
        var head = CreateDefault();
        head.StartEmbedding(3).shape.Should().Equal(3, 1, Width);
        head.EmbedTokens(zeros(3, 5, dtype: ScalarType.Int64)).shape.Should().Equal(3, 5, Width);
        head.Logits(randn(3, 5, Width)).shape.Should().Equal(3, 5, 255);
    }

    [Fact]
    public void Bins_option_is_read_and_range_checked()
    {
        var context = new HeadContext(Width, Chunk);
        var head = (DiscreteTokensHead)new DiscreteTokensHeadFactory().Create(context, TestUtil.Options("head_options", ("bins", 11)));
        head.VocabularySize.Should().Be(10);
        var act = () => new DiscreteTokensHeadFactory().Create(context, TestUtil.Options("head_options", ("bins", 2)));
        act.Should().Throw<RecipeException>().Which.Field.Should().Be("head_options.bins");
    }
}
