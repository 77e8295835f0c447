using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Text;

namespace Vla.Core.Tests;

/// <summary>How a sample's target chunk is formed: from the episode, or from per-step labels when given.</summary>
public class TrainingDataTests
{
    private static readonly Recipe Recipe = TinyRecipes.Oft();

    private static (float[] Target, Normalizer Norm) TargetOf(Episode episode, int frame)
    {
        var stats = StatisticsCalculator.Compute([episode]);
        var tokenizer = InstructionTokenizer.Fit([episode.Instruction], Recipe.MaxInstructionTokens);
        using var data = new TrainingData(Recipe, [episode], stats, tokenizer);
        var (batch, target) = data.Batch(new BatchRequest([frame]));
        using (target)
        {
            foreach (var image in batch.Images) image.Dispose();
            return (target.data<float>().ToArray(), new Normalizer(stats.Action, Recipe.Normalization.Mode, Recipe.Normalization.UnnormalizedActionDims));
        }
    }

    [Fact]
    public void Without_labels_the_chunk_is_the_next_K_actions_with_the_last_repeated()
    {
        var episode = SyntheticTask.Generate(1, 32, seed: 3)[0];
        var last = episode.Length - 2;
        var (target, norm) = TargetOf(episode, last);
        var expected = Enumerable.Range(0, Recipe.Chunk).SelectMany(j => episode.Actions[Math.Min(last + j, episode.Length - 1)]).ToArray();
        norm.Normalize(expected);
        target.Should().Equal(expected);
    }

    [Fact]
    public void Given_labels_are_the_targets()
    {
        var episode = SyntheticTask.Generate(1, 32, seed: 3)[0];
        var rng = new Random(1);
        var labels = episode.Actions.Select(_ => Enumerable.Range(0, Recipe.Chunk * Recipe.ActionDim).Select(_ => rng.NextSingle() * 2 - 1).ToArray()).ToArray();
        var labelled = episode with { Chunks = labels };
        var (target, norm) = TargetOf(labelled.Validate(), 4);
        var expected = (float[])labels[4].Clone();
        norm.Normalize(expected);
        target.Should().Equal(expected);
    }

    [Fact]
    public void Labels_of_another_chunk_size_name_the_recipe_field()
    {
        var episode = SyntheticTask.Generate(1, 32, seed: 3)[0];
        var labelled = episode with { Chunks = episode.Actions.Select(a => a.Concat(a).ToArray()).ToArray() };
        var act = () => TargetOf(labelled, 0);
        act.Should().Throw<RecipeException>().Where(e => e.Field == "chunk").WithMessage("*2 actions*chunk is 8*");
    }
}
