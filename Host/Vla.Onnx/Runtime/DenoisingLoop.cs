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
        var sampling = DiffusionSampling.From(metadata);
        var (schedule, timesteps) = (sampling.Schedule, sampling.Timesteps);
        long[] shape = [batch, recipe.Chunk, recipe.ActionDim];
        using var prefix = prefixGraph.Run(inputs.Values, ["prefix"]);
        var x = sampling.InitialNoise(shape);                                                       // x_T ~ N(0, I)
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
}
