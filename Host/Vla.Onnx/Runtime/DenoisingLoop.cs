using System.Globalization;
using Vla.Abstractions;
using Vla.Plugins.Heads.Diffusion;
using static TorchSharp.torch;

namespace Vla.Onnx.Runtime;

/// <summary>
/// The diffusion head's DDIM loop around the exported denoiser step: the prefix is computed once, x_T comes from
/// the head's seed with the same TorchSharp generator, each step calls denoise.onnx then <see cref="DdimSchedule.Step"/>.
/// </summary>
internal static class DenoisingLoop
{
    public static float[] Run(OrtGraph prefixGraph, OrtGraph step, OrtGraph finish, Feeds inputs, int batch, Recipe recipe,
        IReadOnlyDictionary<string, string> metadata)
    {
        using var scope = NewDisposeScope();
        // Keys written by the diffusion head's ExportMetadata (its plugin's types are internal).
        var schedule = new DdimSchedule(Int(metadata, "diffusion.train_steps"));
        var timesteps = schedule.InferenceTimesteps(Int(metadata, "diffusion.inference_steps"));
        var seed = long.Parse(metadata["diffusion.seed"], CultureInfo.InvariantCulture);
        long[] shape = [batch, recipe.Chunk, recipe.ActionDim];
        using var prefix = prefixGraph.Run(inputs.Values, ["prefix"]);
        var x = randn(shape, generator: new Generator((ulong)seed, CPU));                         // x_T ~ N(0, I)
        for (var i = 0; i < timesteps.Length; i++)
        {
            using var feeds = new Feeds().Borrow("prefix", prefix[0])
                .Add("noisy_actions", x.contiguous().data<float>().ToArray(), shape)
                .Add("timestep", Enumerable.Repeat((long)timesteps[i], batch).ToArray(), batch);
            var noise = tensor(OrtPolicy.Single(step, feeds, "noise"), shape);
            (x, _) = schedule.Step(x, noise, timesteps[i], i + 1 < timesteps.Length ? timesteps[i + 1] : -1);
        }
        using var last = new Feeds().Add("chunk", x.contiguous().data<float>().ToArray(), shape);
        return OrtPolicy.Single(finish, last, "actions");
    }

    private static int Int(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture)
            : throw new VlaException($"the export has no '{key}' entry", "re-export with vla export --run RUN_DIR");
}
