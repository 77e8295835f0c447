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

    [Fact]
    public void A_batch_holds_the_requested_frames_of_each_camera_channel_first()
    {
        var episodes = SyntheticTask.Generate(2, 32, seed: 8);
        var stats = StatisticsCalculator.Compute(episodes);
        var tokenizer = InstructionTokenizer.Fit(episodes.Select(e => e.Instruction), Recipe.MaxInstructionTokens);
        using var data = new TrainingData(Recipe, episodes, stats, tokenizer);
        // Global frame index = episodes in order, then their frames: the second episode's frame 3, then the first's last.
        var (second, last) = (episodes[0].Length + 3, episodes[0].Length - 1);
        var (batch, target) = data.Batch(new BatchRequest([second, last]));
        using (batch)
        using (target)
            for (var c = 0; c < Recipe.Cameras.Count; c++)
            {
                var image = batch.Images[c];
                image.shape.Should().Equal(2, 3, 32, 32);
                using var scaled = image.mul(255).round().to(TorchSharp.torch.ScalarType.Byte);
                var pixels = scaled.data<byte>().ToArray();
                var camera = Recipe.Cameras[c];
                foreach (var (row, frame) in new[] { (0, episodes[1].Frames[camera][3]), (1, episodes[0].Frames[camera][last]) })
                foreach (var (y, x, ch) in new[] { (0, 0, 0), (5, 17, 1), (31, 31, 2), (12, 3, 0) })
                    pixels[((row * 3 + ch) * 32 + y) * 32 + x].Should().Be(frame[(y * 32 + x) * 3 + ch], $"camera {camera}, row {row}, ({y},{x},{ch})");
            }
    }
}
