using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vla.Abstractions.Export;

/// <summary>
/// The few composite operations every part needs (Linear, LayerNorm, shape helpers), written once on top of
/// <see cref="IGraphBuilder"/> so each part's export reads like its forward.
/// </summary>
public static class GraphOps
{
    /// <summary>One-output node.</summary>
    public static string Op(this IGraphBuilder g, string op, params string[] inputs) => g.Node(op, inputs)[0];

    public static string Op(this IGraphBuilder g, string op, IReadOnlyDictionary<string, object> attributes,
        params string[] inputs) => g.Node(op, inputs, 1, attributes)[0];

    public static string Scalar(this IGraphBuilder g, float value) => g.Constant([value], [], "scalar");

    public static string Longs(this IGraphBuilder g, params long[] values) => g.Constant(values, [values.Length], "ints");

    /// <summary>x (..., in) -> (..., out): MatMul with the transposed weight (stored once, pre-transposed) + bias.</summary>
    public static string Linear(this IGraphBuilder g, Linear linear, string x)
    {
        using var scope = NewDisposeScope();
        var y = g.Op("MatMul", x, g.Initializer(linear.weight!.detach().t().contiguous(), "linear_weight"));
        return linear.bias is null ? y : g.Op("Add", y, g.Initializer(linear.bias.detach(), "linear_bias"));
    }

    /// <summary>LayerNorm over the last dimension (TorchSharp's default epsilon 1e-5).</summary>
    public static string LayerNorm(this IGraphBuilder g, LayerNorm norm, string x)
    {
        using var scope = NewDisposeScope();
        return g.LayerNorm(x, g.Initializer(norm.weight!.detach(), "ln_weight"), g.Initializer(norm.bias!.detach(), "ln_bias"));
    }

    public static string LayerNorm(this IGraphBuilder g, string x, string weight, string bias, double epsilon = 1e-5) =>
        g.Op("LayerNormalization", new Dictionary<string, object> { ["axis"] = -1L, ["epsilon"] = (float)epsilon },
            x, weight, bias);

    /// <summary>Exact (erf) GELU, as nn.functional.gelu.</summary>
    public static string Gelu(this IGraphBuilder g, string x) => g.Op("Gelu", x);

    public static string Relu(this IGraphBuilder g, string x) => g.Op("Relu", x);

    /// <summary>x * sigmoid(x).</summary>
    public static string Silu(this IGraphBuilder g, string x) => g.Op("Mul", x, g.Op("Sigmoid", x));

    public static string Add(this IGraphBuilder g, string a, string b) => g.Op("Add", a, b);

    public static string Mul(this IGraphBuilder g, string a, string b) => g.Op("Mul", a, b);

    /// <summary>Reshape where 0 copies the input's dimension (keeps the batch dynamic) and -1 is inferred.</summary>
    public static string Reshape(this IGraphBuilder g, string x, params long[] shape) => g.Op("Reshape", x, g.Longs(shape));

    public static string Transpose(this IGraphBuilder g, string x, params long[] perm) =>
        g.Op("Transpose", new Dictionary<string, object> { ["perm"] = perm }, x);

    public static string Unsqueeze(this IGraphBuilder g, string x, params long[] axes) => g.Op("Unsqueeze", x, g.Longs(axes));

    public static string Concat(this IGraphBuilder g, long axis, params string[] xs) =>
        g.Op("Concat", new Dictionary<string, object> { ["axis"] = axis }, xs);

    /// <summary>x[start:end] along one axis (end may be long.MaxValue for "to the end"; negatives count from it).</summary>
    public static string Slice(this IGraphBuilder g, string x, long axis, long start, long end) =>
        g.Op("Slice", x, g.Longs(start), g.Longs(end), g.Longs(axis));

    public static string Clip(this IGraphBuilder g, string x, float min, float max) =>
        g.Op("Clip", x, g.Scalar(min), g.Scalar(max));

    /// <summary>The batch size of x as a 1-element int64 tensor (for Expand / ConstantOfShape).</summary>
    public static string BatchOf(this IGraphBuilder g, string x) =>
        g.Op("Shape", new Dictionary<string, object> { ["start"] = 0L, ["end"] = 1L }, x);

    /// <summary>A constant (1, ...) tensor repeated over the batch of <paramref name="like"/>: (B, ...).</summary>
    public static string ExpandToBatch(this IGraphBuilder g, string constant, string like, params long[] rest) =>
        g.Op("Expand", constant, g.Concat(0, g.BatchOf(like), g.Longs(rest)));
}
