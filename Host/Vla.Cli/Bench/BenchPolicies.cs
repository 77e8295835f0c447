using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Plugins;
using Vla.Core.Training;
using Vla.Onnx;

namespace Vla.Cli.Bench;

/// <summary>
/// The two policies compared, as run folders in a temp directory (trained one step on random data so both engines can
/// load them, then exported to ONNX): the recipe itself (parallel + chunking) and its autoregressive baseline.
/// </summary>
internal sealed class BenchPolicies : IDisposable
{
    private BenchPolicies(string root, Recipe parallel, Recipe autoregressive, IReadOnlyList<Episode> episodes)
    {
        Root = root;
        Parallel = parallel;
        Autoregressive = autoregressive;
        Episodes = episodes;
    }

    public string Root { get; }

    public Recipe Parallel { get; }

    public Recipe Autoregressive { get; }

    public string ParallelRun => Path.Combine(Root, "parallel");

    public string AutoregressiveRun => Path.Combine(Root, "autoregressive");

    /// <summary>The random episodes the runs were built from (reused to time training).</summary>
    public IReadOnlyList<Episode> Episodes { get; }

    /// <summary>
    /// OpenVLA's baseline at the same size: causal decoding with a KV cache, 256-bin tokens, one query per action
    /// step (K=1, D tokens); same vision encoder, cameras, proprio, conditioning and backbone as the recipe.
    /// </summary>
    public static Recipe AutoregressiveBaseline(Recipe recipe) => recipe with
    {
        Name = recipe.Name + "-ar-baseline",
        Decoder = "autoregressive",
        Head = "discrete-tokens",
        Chunk = 1,
        DecoderOptions = null,
        HeadOptions = null,
    };

    public static BenchPolicies Build(Recipe recipe, PartCatalog catalog)
    {
        var root = Path.Combine(Path.GetTempPath(), $"vla-bench-{Guid.NewGuid():N}");
        var ar = AutoregressiveBaseline(recipe);
        var episodes = RandomData.TrainingEpisodes(recipe);
        var policies = new BenchPolicies(root, recipe, ar, episodes);
        try
        {
            foreach (var (r, dir) in new[] { (recipe, policies.ParallelRun), (ar, policies.AutoregressiveRun) })
            {
                var quick = r with { Training = r.Training with { ValidationFraction = 0, WarmupSteps = 0 } };
                Trainer.Train(quick, episodes, catalog, new TrainOptions(dir, Steps: 1));
                PolicyExporter.Export(dir, catalog);
            }
            return policies;
        }
        catch
        {
            policies.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; never fail a benchmark for it.
        }
    }
}
