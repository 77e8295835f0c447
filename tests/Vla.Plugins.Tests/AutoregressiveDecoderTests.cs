using Vla.Abstractions;
using Vla.Plugins.Decoders.Autoregressive;
using Vla.Plugins.Heads.DiscreteTokens;
using Vla.Plugins.Heads.L1Regression;
using static TorchSharp.torch;

namespace Vla.Plugins.Tests;

public class AutoregressiveDecoderTests
{
    private const int Width = 16;
    private static readonly ChunkShape Chunk = new(2, 3);   // S = 6 slots

    private static DiscreteTokensHead TokenHead() => new(new HeadContext(Width, Chunk), new ActionBins(256));

    private static Decoder Create(int kvCache) =>
        new AutoregressiveDecoderFactory().Create(TestUtil.Options("decoder_options", ("kv_cache", kvCache)));

    [Fact]
    public void Teacher_forcing_is_causal_a_later_target_does_not_change_earlier_slots()
    {
        manual_seed(10);
        var backbone = new TinyBackbone(Width);
        var head = TokenHead();
        var decoder = Create(1);
        var prefix = randn(2, 4, Width);
        var target = rand(2, Chunk.K, Chunk.D) * 1.6f - 0.8f;
        var perturbed = target.clone();
        perturbed[.., 1, 0] = tensor(0.95f);                              // scalar 3 (k=1, d=0) -> another token
        var before = TestUtil.Longs(head.Tokenize(target)[.., 3]);
        var after = TestUtil.Longs(head.Tokenize(perturbed)[.., 3]);
        before.Zip(after).Should().OnlyContain(pair => pair.First != pair.Second);

        using var _ = no_grad();
        using var a = head.PrepareTraining(target, null);
        using var b = head.PrepareTraining(perturbed, null);
        var h1 = decoder.TrainingHidden(backbone, prefix, head, a);
        var h2 = decoder.TrainingHidden(backbone, prefix, head, b);

        h1.shape.Should().Equal(2, Chunk.Scalars, Width);
        // Slot i's input is token i-1: token 3 feeds slot 4, so slots 0..3 must not see it.
        TestUtil.MaxAbsDiff(h1[.., ..4, ..], h2[.., ..4, ..]).Should().BeLessThan(1e-6);
        TestUtil.MaxAbsDiff(h1[.., 4.., ..], h2[.., 4.., ..]).Should().BeGreaterThan(1e-4);
    }

    [Fact]
    public void Training_uses_a_lower_triangular_mask_over_prefix_and_shifted_tokens()
    {
        manual_seed(11);
        using var spy = new SpyBackbone(new TinyBackbone(Width));
        var head = TokenHead();
        var prefix = randn(2, 4, Width);
        var target = rand(2, Chunk.K, Chunk.D) * 2 - 1;
        using var _ = no_grad();
        using var inputs = head.PrepareTraining(target, null);

        Create(1).TrainingHidden(spy, prefix, head, inputs);

        var (embeds, mask, _) = spy.Calls.Single();
        var length = 4 + Chunk.Scalars;
        embeds.shape.Should().Equal(2, length, Width);
        mask.Should().NotBeNull();
        mask!.shape.Should().Equal(length, length);
        TestUtil.Longs(mask).Should().Equal(TestUtil.Longs(ones(length, length).tril()));
        TestUtil.MaxAbsDiff(embeds[.., ..4, ..], prefix).Should().Be(0);
        TestUtil.MaxAbsDiff(embeds[.., 4..5, ..], head.StartEmbedding(2)).Should().Be(0, "slot 0 gets the start token");
        var tokens = head.Tokenize(target);
        TestUtil.MaxAbsDiff(embeds[.., 5.., ..], head.EmbedTokens(tokens[.., ..^1])).Should().Be(0,
            "slot i gets the embedding of token i-1");
    }

    [Fact]
    public void Cached_and_uncached_decoding_give_identical_actions()
    {
        manual_seed(12);
        var backbone = new TinyBackbone(Width);
        var head = TokenHead();
        var prefix = randn(3, 5, Width);

        using var _ = no_grad();
        var cached = Create(1).Predict(backbone, prefix, head);
        var uncached = Create(0).Predict(backbone, prefix, head);

        cached.shape.Should().Equal(3, Chunk.K, Chunk.D);
        TestUtil.Longs(head.Tokenize(cached)).Should().Equal(TestUtil.Longs(head.Tokenize(uncached)));
        TestUtil.Floats(cached).Should().Equal(TestUtil.Floats(uncached));
        TestUtil.Longs(head.Tokenize(cached)).Distinct().Count().Should().BeGreaterThan(1, "a non-trivial decode");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void Forwards_per_chunk_is_K_times_D_and_matches_the_backbone_calls(int kvCache)
    {
        manual_seed(13);
        using var spy = new SpyBackbone(new TinyBackbone(Width));
        var head = TokenHead();
        var decoder = Create(kvCache);
        const int p = 4;

        using var _ = no_grad();
        decoder.Predict(spy, randn(2, p, Width), head);

        decoder.ForwardsPerChunk(head).Should().Be(Chunk.K * Chunk.D);
        spy.Calls.Should().HaveCount(Chunk.K * Chunk.D);
        if (kvCache == 1)
        {
            // Prefill [prefix, start] then one new position per step on top of the cache.
            spy.Calls[0].CacheLength.Should().Be(0);
            spy.Calls[0].Embeds.shape[1].Should().Be(p + 1);
            for (var i = 1; i < spy.Calls.Count; i++)
            {
                spy.Calls[i].Embeds.shape[1].Should().Be(1);
                spy.Calls[i].CacheLength.Should().Be(p + i);
            }
        }
        else
        {
            for (var i = 0; i < spy.Calls.Count; i++) spy.Calls[i].Embeds.shape[1].Should().Be(p + 1 + i);
        }
    }

    [Fact]
    public void Teacher_forced_logits_reproduce_the_greedy_decode()
    {
        // The training shift (slot i sees token i-1) must be the same alignment inference uses.
        manual_seed(14);
        var backbone = new TinyBackbone(Width);
        var head = TokenHead();
        var decoder = Create(1);
        var prefix = randn(2, 4, Width);

        using var _ = no_grad();
        var decoded = decoder.Predict(backbone, prefix, head);
        using var inputs = head.PrepareTraining(decoded, null);
        var hidden = decoder.TrainingHidden(backbone, prefix, head, inputs);

        TestUtil.Longs(head.Logits(hidden).argmax(-1)).Should().Equal(TestUtil.Longs(head.Tokenize(decoded)));
    }

    [Fact]
    public void A_continuous_head_is_refused()
    {
        manual_seed(15);
        var head = new L1RegressionHead(new HeadContext(Width, Chunk), Width);
        var act = () => Create(1).Predict(new TinyBackbone(Width), randn(1, 2, Width), head);
        act.Should().Throw<VlaException>().WithMessage("*needs a head that emits tokens*");
        new AutoregressiveDecoderFactory().RequiresTokenHead.Should().BeTrue();
    }

    [Fact]
    public void Kv_cache_option_is_range_checked()
    {
        var act = () => Create(2);
        act.Should().Throw<RecipeException>().Which.Field.Should().Be("decoder_options.kv_cache");
    }
}
