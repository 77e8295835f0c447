using Vla.Abstractions.Export;
using static TorchSharp.torch;

namespace Vla.Onnx;

/// <summary>
/// The host modules' weights by their checkpoint keys ("backbone.blocks.0.attn.qkv.weight"): the exporter walks the
/// same structure the TorchSharp forward does, reading each tensor by the name the module registered it under.
/// </summary>
internal sealed class ModelWeights(IReadOnlyDictionary<string, Tensor> stateDict)
{
    public Tensor this[string key] => stateDict.TryGetValue(key, out var t) ? t
        : throw new InvalidOperationException($"the model has no parameter '{key}' (exporter and model disagree)");

    public bool Has(string key) => stateDict.ContainsKey(key);

    public string Add(IGraphBuilder g, string key) => g.Initializer(this[key], key.Replace('.', '_'));

    /// <summary>x (..., in) -> (..., out) with "{prefix}.weight" (out, in) and "{prefix}.bias".</summary>
    public string Linear(IGraphBuilder g, string prefix, string x)
    {
        using var scope = NewDisposeScope();
        var y = g.Op("MatMul", x, g.Initializer(this[$"{prefix}.weight"].t().contiguous(), $"{prefix.Replace('.', '_')}_wt"));
        return Has($"{prefix}.bias") ? g.Add(y, Add(g, $"{prefix}.bias")) : y;
    }

    public string LayerNorm(IGraphBuilder g, string prefix, string x) =>
        g.LayerNorm(x, Add(g, $"{prefix}.weight"), Add(g, $"{prefix}.bias"));
}
