using Vla.Abstractions;
using Vla.Core.Model;
using Vla.Core.Plugins;
using Vla.Core.Training;
using static TorchSharp.torch;

namespace Vla.Cli.Bench;

/// <summary>
/// Times the parts of the cost model on the TorchSharp modules of a run folder: the autoregressive baseline's prefix
/// (vision + projections + a causal prefill over the prefix, filling the KV cache) and its cached one-token steps
/// (backbone step + LM head + argmax + token embedding), and the parallel policy's whole chunk pass.
/// Inputs are tensors already pre-processed, so the parts exclude pixel conversion.
/// </summary>
internal static class TorchParts
{
    public static VlaPolicyModel LoadModel(string runDir, PartCatalog catalog)
    {
        var run = new RunFolder(runDir).RequireTrained();
        var recipe = run.ReadRecipe();
        var model = new VlaPolicyModel(recipe, PolicyParts.Resolve(recipe, catalog), run.ReadTokenizer().VocabularySize);
        Checkpoint.LoadModel(run.LatestCheckpoint, model);
        model.eval();
        return model;
    }

    /// <summary>A batch of pre-processed random inputs of the recipe's shapes.</summary>
    public static ObservationBatch Batch(Recipe recipe, int batch)
    {
        var images = recipe.Cameras.Select(_ => rand(batch, 3, recipe.ImageSize, recipe.ImageSize)).ToList();
        var tokens = randint(2, 4, [batch, recipe.MaxInstructionTokens], dtype: ScalarType.Int64);
        var mask = ones([batch, recipe.MaxInstructionTokens], dtype: ScalarType.Bool);
        return new ObservationBatch(images, tokens, mask, recipe.ProprioDim > 0 ? randn(batch, recipe.ProprioDim) : null);
    }

    /// <summary>
    /// Per iteration, interleaved so load from other work hits all parts alike: the parallel policy's chunk (one forward
    /// producing the K*D slots and the chunk, prefix included), then the baseline's decode as a prefill of the prefix
    /// alone plus D one-token cached steps: the same computation as the decoder's loop (whose prefill also holds the
    /// start token), split where the cost model splits.
    /// </summary>
    public static (LatencyStats Prefix, LatencyStats DecodeStep, LatencyStats Chunk) Measure(VlaPolicyModel parallel,
        VlaPolicyModel autoregressive, ObservationBatch batch, int warmup, int iterations)
    {
        var head = autoregressive.Head as ITokenActionHead
            ?? throw new VlaException($"the baseline's head '{autoregressive.Recipe.Head}' does not emit tokens");
        var backbone = autoregressive.Transformer;
        var slots = autoregressive.Head.SlotCount;
        var (prefixMs, stepMs, chunkMs) = (new List<double>(), new List<double>(), new List<double>());
        using var _ = no_grad();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < warmup + iterations; i++)
        {
            if (clock.Elapsed.TotalSeconds > Timing.BudgetSeconds && prefixMs.Count >= Timing.MinimumSamples) break;
            using var scope = NewDisposeScope();
            var chunkTime = Timing.Once(() => parallel.Predict(batch));
            using var cache = backbone.CreateCache();
            var prefixTime = Timing.Once(() =>
            {
                var prefix = autoregressive.Prefix(batch);                                    // (B, P, W)
                var causal = ones([prefix.shape[1], prefix.shape[1]], dtype: ScalarType.Bool).tril();
                backbone.Forward(prefix, causal, cache);
            });
            var input = head.StartEmbedding(batch.Size);                                      // (B, 1, W)
            var steps = new double[slots];
            for (var s = 0; s < slots; s++)
                steps[s] = Timing.Once(() =>
                {
                    var hidden = backbone.Forward(input, null, cache);                          // (B, 1, W)
                    var next = head.Logits(hidden).argmax(-1);                                  // (B, 1)
                    input = head.EmbedTokens(next).MoveToOuterDisposeScope();                   // (B, 1, W)
                });
            if (i < warmup) continue;
            chunkMs.Add(chunkTime);
            prefixMs.Add(prefixTime);
            stepMs.AddRange(steps);
        }
        return (LatencyStats.From(prefixMs), LatencyStats.From(stepMs), LatencyStats.From(chunkMs));
    }
}
