using System.Globalization;
using Vla.Abstractions;
using Vla.Plugins.Heads.Diffusion;
using static TorchSharp.torch;

namespace Vla.Onnx;

/// <summary>
/// The diffusion head's sampling settings as its ExportMetadata writes them (its plugin's types are internal): the DDIM
/// schedule, the inference timesteps and the seed of x_T. One reading for the ONNX Runtime loop and the unrolled graph.
/// </summary>
internal sealed record DiffusionSampling(DdimSchedule Schedule, int[] Timesteps, long Seed)
{
    public static DiffusionSampling From(IReadOnlyDictionary<string, string> metadata)
    {
        var schedule = new DdimSchedule(Int(metadata, "diffusion.train_steps"));
        return new DiffusionSampling(schedule, schedule.InferenceTimesteps(Int(metadata, "diffusion.inference_steps")),
            long.Parse(Value(metadata, "diffusion.seed"), CultureInfo.InvariantCulture));
    }

    /// <summary>x_T ~ N(0, I) drawn as TorchSharp draws it for a batch of this shape.</summary>
    public Tensor InitialNoise(long[] shape) => randn(shape, generator: new Generator((ulong)Seed, CPU));

    private static int Int(IReadOnlyDictionary<string, string> metadata, string key) =>
        int.Parse(Value(metadata, key), CultureInfo.InvariantCulture);

    private static string Value(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var v) ? v
            : throw new VlaException($"the export has no '{key}' entry", "re-export with vla export --run RUN_DIR");
}
