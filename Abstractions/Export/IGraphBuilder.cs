using static TorchSharp.torch;

namespace Vla.Abstractions.Export;

/// <summary>
/// The ONNX graph under construction, as parts see it: names of values, constants and nodes. No ONNX library types
/// cross this boundary, so plugins (loaded in isolated contexts) emit their own nodes without referencing one.
/// Values are named strings; shapes follow the TorchSharp forward they mirror, with a dynamic batch dimension.
/// </summary>
public interface IGraphBuilder
{
    /// <summary>Adds a weight as a constant initializer (data copied now) and returns its name.</summary>
    string Initializer(Tensor value, string hint);

    /// <summary>A float32 constant of the given shape.</summary>
    string Constant(float[] values, long[] shape, string hint);

    /// <summary>An int64 constant of the given shape (shapes, axes, indices).</summary>
    string Constant(long[] values, long[] shape, string hint);

    /// <summary>Adds one node of an opset-20 operator and returns its output names (fresh, derived from hint).
    /// Attribute values: long, int, float, double, string, long[], int[], float[].</summary>
    IReadOnlyList<string> Node(string op, IReadOnlyList<string> inputs, int outputs = 1,
        IReadOnlyDictionary<string, object>? attributes = null, string? hint = null);
}
