using Vla.Abstractions;
using Vla.Plugins.Conditioning.FiLM;
using Vla.Plugins.Conditioning.None;
using static TorchSharp.torch;

namespace Vla.Plugins.Tests;

public class FilmConditioningTests
{
    private static readonly ConditioningContext Context = new(Blocks: 3, VisionWidth: 8, TextWidth: 12);

    private static FilmConditioning Create() =>
        (FilmConditioning)new FilmConditioningFactory().Create(Context, PartOptions.Empty("conditioning_options"));

    [Fact]
    public void Zero_initialised_film_is_the_identity_for_tokens_and_feature_maps()
    {
        manual_seed(50);
        var film = Create();
        var instruction = randn(2, Context.TextWidth);
        var tokens = randn(2, 5, Context.VisionWidth);                   // (B, N, C)
        var maps = randn(2, Context.VisionWidth, 4, 3);                  // (B, C, H, W)
        for (var block = 0; block < Context.Blocks; block++)
        {
            TestUtil.Floats(film.Modulate(block, tokens, instruction)).Should().Equal(TestUtil.Floats(tokens));
            TestUtil.Floats(film.Modulate(block, maps, instruction)).Should().Equal(TestUtil.Floats(maps));
        }
    }

    [Fact]
    public void Parameter_count_is_one_projection_to_gamma_and_beta_per_block()
    {
        var film = Create();
        var (e, c) = (Context.TextWidth, Context.VisionWidth);
        TestUtil.ParameterCount(film).Should().Be(Context.Blocks * (e * 2 * c + 2 * c));
        film.parameters().Should().HaveCount(2 * Context.Blocks);
    }

    [Fact]
    public void Non_zero_projections_make_the_output_depend_on_the_instruction()
    {
        manual_seed(51);
        var film = Create();
        using (no_grad())
            foreach (var p in film.parameters()) p.normal_(0, 0.5);
        var tokens = randn(1, 5, Context.VisionWidth);
        var maps = randn(1, Context.VisionWidth, 4, 4);
        var a = randn(1, Context.TextWidth);
        var b = randn(1, Context.TextWidth);

        using var _ = no_grad();
        TestUtil.MaxAbsDiff(film.Modulate(1, tokens, a), film.Modulate(1, tokens, b)).Should().BeGreaterThan(1e-3);
        TestUtil.MaxAbsDiff(film.Modulate(1, maps, a), film.Modulate(1, maps, b)).Should().BeGreaterThan(1e-3);
        film.Modulate(1, tokens, a).shape.Should().Equal(tokens.shape);
        film.Modulate(1, maps, a).shape.Should().Equal(maps.shape);
    }

    [Fact]
    public void Modulation_is_the_same_affine_map_for_every_token_and_pixel()
    {
        // x * (1 + gamma) + beta with gamma, beta per channel: spatially agnostic.
        manual_seed(52);
        var film = Create();
        using (no_grad())
            foreach (var p in film.parameters()) p.normal_(0, 0.5);
        var instruction = randn(1, Context.TextWidth);
        using var _ = no_grad();
        var tokens = ones(1, 4, Context.VisionWidth);
        var outTokens = film.Modulate(0, tokens, instruction);
        TestUtil.MaxAbsDiff(outTokens[.., 0, ..], outTokens[.., 3, ..]).Should().Be(0);
        var maps = ones(1, Context.VisionWidth, 2, 2);
        var outMaps = film.Modulate(0, maps, instruction);             // same block, same channel-wise map
        TestUtil.MaxAbsDiff(outMaps[0, .., 1, 1], outTokens[0, 0, ..]).Should().BeLessThan(1e-6);
        TestUtil.MaxAbsDiff(outMaps[0, .., 0, 0], outMaps[0, .., 1, 1]).Should().Be(0);
    }

    [Fact]
    public void Film_trains_from_identity_gradients_reach_the_projections()
    {
        manual_seed(53);
        var film = Create();
        var tokens = randn(2, 5, Context.VisionWidth);
        var loss = film.Modulate(2, tokens, randn(2, Context.TextWidth)).pow(2).sum();
        loss.backward();
        film.parameters().Where(p => p.grad is not null && p.grad.abs().sum().item<float>() > 0)
            .Should().HaveCount(2, "only block 2's weight and bias get gradients");
    }

    [Fact]
    public void No_conditioning_returns_x_unchanged()
    {
        manual_seed(54);
        var none = new NoConditioningFactory().Create(Context, PartOptions.Empty("conditioning_options"));
        var tokens = randn(2, 5, 8);
        var maps = randn(2, 8, 3, 3);
        TestUtil.Floats(none.Modulate(0, tokens, randn(2, 12))).Should().Equal(TestUtil.Floats(tokens));
        TestUtil.Floats(none.Modulate(4, maps, randn(2, 12))).Should().Equal(TestUtil.Floats(maps));
        none.parameters().Should().BeEmpty();
    }
}
