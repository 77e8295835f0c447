using FluentAssertions;
using Vla.Abstractions;
using Vla.Core.Model;
using Vla.Core.Plugins;
using Xunit;
using static TorchSharp.torch;

namespace Vla.Core.Tests;

/// <summary>vision.ordered_instruction: an instruction summary that can tell the same words in another order apart.</summary>
public class OrderedInstructionTests
{
    [Fact]
    public void It_starts_as_the_mean_embedding_and_needs_a_reader()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        const int width = 16, tokens = 6;
        var summary = new OrderedInstruction(width, tokens);
        summary.parameters().Sum(p => p.numel()).Should().Be(
            tokens * width + OrderedInstruction.Slots * width + (width * width + width) + (OrderedInstruction.Slots * width * width + width),
            "positions, slot queries, keys and the projection");
        var words = randn(3, tokens, width);
        var mask = tensor(new float[] { 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0 }).view(3, tokens, 1);
        var mean = randn(3, width);
        var result = summary.Forward(words, mask, mean);
        result.isfinite().all().item<bool>().Should().BeTrue("an all-padding row stays finite");
        result.allclose(mean).Should().BeTrue("the projection starts at zero, so a base without it loads unchanged");

        var recipe = TinyRecipes.Load("oft");
        var unread = () => (recipe with { Vision = recipe.Vision with { OrderedInstruction = true } }).Validate();
        unread.Should().Throw<RecipeException>().WithMessage("*vision.ordered_instruction*");
        var film = () => (recipe with { Conditioning = "film", Vision = recipe.Vision with { OrderedInstruction = true } }).Validate();
        film.Should().NotThrow();
    }

    [Fact]
    public void The_padding_does_not_leak_into_the_slots()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        const int width = 8, tokens = 5;
        var summary = new OrderedInstruction(width, tokens);
        using (no_grad()) foreach (var p in summary.parameters()) p.add_(randn_like(p));      // a trained-looking summary
        var words = randn(1, tokens, width);
        var mask = tensor(new float[] { 1, 1, 1, 0, 0 }).view(1, tokens, 1);
        var other = words.clone();
        other[0, 3] = randn(width);                                                           // change a padded word only
        var mean = zeros(1, width);
        summary.Forward(words, mask, mean).allclose(summary.Forward(other, mask, mean), rtol: 0, atol: 1e-6).Should().BeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Only_the_ordered_summary_can_point_at_the_object_named_first(bool ordered)
    {
        // Long's task pairs: the same words, two objects swapped ("red ... then blue" vs "blue ... then red"); the first
        // object named is the target. Patch 0 shows red, patch 1 blue. The mean embedding is identical for both orders,
        // so a pointer reading it can only split between the two patches (ln 2); the ordered summary knows which came first.
        using var scope = NewDisposeScope();
        manual_seed(4);
        const int width = 16, tokens = 4, batch = 32;
        var embedding = nn.Embedding(4, width);                      // 0 "put", 1 "red", 2 "blue", 3 "then"
        var summary = new OrderedInstruction(width, tokens);
        var head = new PointingHead(width, readout: false);
        var parameters = embedding.parameters().Concat(head.parameters()).Concat(ordered ? summary.parameters() : Enumerable.Empty<TorchSharp.Modules.Parameter>());
        var optimizer = optim.Adam(parameters, lr: 0.02);
        var patches = randn(1, 2, width);                            // (1, N, W): red, blue
        using (no_grad()) patches[0, 0] += embedding.weight![1].detach();
        using (no_grad()) patches[0, 1] += embedding.weight![2].detach();
        var redFirst = tensor(new long[] { 0, 1, 3, 2 });
        var blueFirst = tensor(new long[] { 0, 2, 3, 1 });
        var mask = ones(batch, tokens, 1);
        double loss = 0;
        for (var step = 0; step < 300; step++)
        {
            using var stepScope = NewDisposeScope();
            var which = randint(0, 2, [batch]);                                                      // 1: blue first
            var ids = where(which.view(batch, 1).eq(1), blueFirst.view(1, tokens), redFirst.view(1, tokens)); // (B, T)
            var words = embedding.forward(ids);                                                      // (B, T, W)
            var mean = words.mean([1]);
            var instruction = ordered ? summary.Forward(words, mask, mean) : mean;
            optimizer.zero_grad();
            var value = head.Loss(head.Scores(patches.expand(batch, 2, width), instruction), stack([which, which], 1));
            value.backward();
            optimizer.step();
            loss = value.item<float>();
        }
        if (ordered) loss.Should().BeLessThan(0.1, "the slots tell which object the words name first");
        else loss.Should().BeGreaterThan(0.9 * Math.Log(2), "the mean embedding is the same for both orders");
    }
}
