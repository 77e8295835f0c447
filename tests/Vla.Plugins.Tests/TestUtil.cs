using System.Text.Json;
using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Plugins.Tests;

internal static class TestUtil
{
    /// <summary>Part options as a recipe would give them, e.g. Options("decoder_options", ("kv_cache", 0)).</summary>
    public static PartOptions Options(string field, params (string Name, object Value)[] values) =>
        new(field, values.ToDictionary(v => v.Name, v => JsonSerializer.SerializeToElement(v.Value)));

    public static float[] Floats(Tensor t) => t.detach().cpu().to(ScalarType.Float32).contiguous().data<float>().ToArray();

    public static long[] Longs(Tensor t) => t.detach().cpu().to(ScalarType.Int64).contiguous().data<long>().ToArray();

    public static double MaxAbsDiff(Tensor a, Tensor b) => (a - b).abs().max().to(ScalarType.Float64).item<double>();

    public static long ParameterCount(nn.Module module) => module.parameters().Sum(p => p.numel());
}
