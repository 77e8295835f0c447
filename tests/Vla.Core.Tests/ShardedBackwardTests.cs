using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Model;
using Vla.Core.Plugins;
using Vla.Core.Text;
using Vla.Core.Training;
using static TorchSharp.torch;

namespace Vla.Core.Tests;

/// <summary>Data parallelism over cores: shards on their own threads give the whole batch's gradients, reproducibly.</summary>
public class ShardedBackwardTests
{
    private static readonly List<Episode> Episodes = SyntheticTask.Generate(12, 32, seed: 4);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]   // unequal shards (16 rows): weights by rows
    public void Shards_give_the_whole_batch_gradients_and_mean_loss(int shards)
    {
        using var catalog = PartCatalog.Load();
        var recipe = TinyRecipes.Oft();
        var tokenizer = InstructionTokenizer.Fit(Episodes.Select(e => e.Instruction), recipe.MaxInstructionTokens);
        using var data = new TrainingData(recipe, Episodes, StatisticsCalculator.Compute(Episodes), tokenizer);
        manual_seed(3);
        using var model = new VlaPolicyModel(recipe, PolicyParts.Resolve(recipe, catalog), tokenizer.VocabularySize);
        var parameters = model.parameters().ToList();
        var (batch, target) = data.Batch(new BatchRequest(Enumerable.Range(0, 16).Select(i => i * 7 % data.Frames).ToArray()));

        var whole = model.Loss(batch, target, null);
        whole.backward();
        var expected = parameters.Select(p => p.grad?.clone()).ToList();
        foreach (var p in parameters) p.grad = null;

        var loss = ShardedBackward.Run(model, parameters, batch, target, shards, 1.0, _ => null);

        loss.Should().BeApproximately(whole.item<float>(), 1e-5);
        for (var i = 0; i < parameters.Count; i++)
        {
            if (expected[i] is null) { parameters[i].grad.Should().BeNull(); continue; }
            var diff = (parameters[i].grad! - expected[i]!).abs().max().item<float>();
            diff.Should().BeLessThan(1e-5f + 1e-4f * expected[i]!.abs().max().item<float>(), $"parameter {i}");
        }
    }

    [Fact]
    public void A_sharded_run_resumes_bit_identically()
    {
        using var catalog = PartCatalog.Load();
        var recipe = TinyRecipes.Load("oft-diffusion", steps: 10);   // the head draws noise: each shard has its own generator
        string Run() => Path.Combine(Directory.CreateTempSubdirectory("vla-shards-").FullName, "run");
        var straight = Trainer.Train(recipe, Episodes, catalog, new TrainOptions(Run(), DataParallel: 2));
        var interrupted = Run();
        Trainer.Train(recipe, Episodes, catalog, new TrainOptions(interrupted, StopAfterStep: 4, DataParallel: 2));
        Trainer.Train(recipe, Episodes, catalog, new TrainOptions(interrupted, Resume: true, DataParallel: 2));
        var a = File.ReadAllBytes(Path.Combine(straight.Run, "checkpoints", "latest", "model.safetensors"));
        File.ReadAllBytes(Path.Combine(interrupted, "checkpoints", "latest", "model.safetensors")).Should().Equal(a);
        straight.FinalValidationLoss.Should().BeLessThan(straight.FirstValidationLoss!.Value);
    }

    [Fact]
    public void Shard_ranges_cover_the_rows_once()
    {
        Enumerable.Range(0, 3).Select(s => ShardedBackward.Range(16, 3, s)).Should().Equal((0, 6), (6, 5), (11, 5));
    }
}
