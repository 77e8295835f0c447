using Vla.Core.Model;
using Vla.Core.Plugins;

namespace Vla.Core.Tests;

public class PolicyModelTests
{
    /// <summary>Linear(in, out) with bias.</summary>
    private static long Linear(long i, long o) => i * o + o;

    private static long LayerNorm(long w) => 2 * w;

    private static long Block(long w, long mlp) => LayerNorm(w) + Linear(w, 3 * w) + Linear(w, w) + LayerNorm(w)
                                                   + Linear(w, mlp * w) + Linear(mlp * w, w);

    [Fact]
    public void Parameter_counts_are_what_the_recipe_implies()
    {
        using var catalog = PartCatalog.Load();
        var recipe = TinyRecipes.Oft();
        using var model = new VlaPolicyModel(recipe, PolicyParts.Resolve(recipe, catalog), vocabularySize: 20);
        long Group(string prefix) => model.named_parameters().Where(p => p.name.StartsWith(prefix)).Sum(p => p.parameter.numel());
        var (w, d, k) = (recipe.Backbone.Width, recipe.ActionDim, recipe.Chunk);
        var length = VlaPolicyModel.SequenceLength(recipe, model.Head);
        length.Should().Be(2 * (32 / 8) * (32 / 8) + 1 + 8 + k * d);
        Group("backbone.").Should().Be(length * w + recipe.Backbone.Depth * Block(w, recipe.Backbone.MlpRatio) + LayerNorm(w));
        var mlpIn = d * w;
        Group("head.").Should().Be(LayerNorm(mlpIn) + Linear(mlpIn, w) + 2 * (LayerNorm(w) + Linear(w, w)) + LayerNorm(w) + Linear(w, d));
        Group("proprio_projector.").Should().Be(Linear(recipe.ProprioDim, w) + Linear(w, w));
        Group("token_embedding.").Should().Be(20 * w);
        Group("camera_embedding").Should().Be(2 * w);
        model.parameters().Should().OnlyContain(p => !p.isnan().any().item<bool>(), "no parameter may start uninitialised");
    }
}
