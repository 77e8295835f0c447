using Google.Protobuf;
using Onnx;
using Vla.Abstractions.Export;
using static TorchSharp.torch;

namespace Vla.Onnx;

/// <summary>
/// <see cref="IGraphBuilder"/> over OnnxSharp's ONNX protobuf classes: nodes, float/int64 initializers, inputs and
/// outputs with a symbolic batch dimension "batch"; <see cref="ToModel"/> wraps it as an opset-20 model.
/// </summary>
internal sealed class OnnxGraphBuilder(string name) : IGraphBuilder
{
    public const int Opset = 20;
    public const string Batch = "batch";
    private readonly GraphProto _graph = new() { Name = name };
    private readonly Dictionary<string, int> _counts = new();
    // Weights by content: a graph that emits the same module more than once (an unrolled decode or denoising loop)
    // stores each weight once. Keyed by shape and bytes (ByteString compares by content).
    private readonly Dictionary<(string Shape, ByteString Bytes), string> _weights = new();

    public string Initializer(Tensor value, string hint)
    {
        using var cpu = value.detach().to(ScalarType.Float32).cpu().contiguous();
        var values = cpu.data<float>().ToArray();
        var bytes = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        var key = (string.Join("x", cpu.shape), bytes);
        if (_weights.TryGetValue(key, out var existing)) return existing;
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Float, RawData = bytes };
        tensor.Dims.AddRange(cpu.shape);
        _graph.Initializer.Add(tensor);
        _weights[key] = tensor.Name;
        return tensor.Name;
    }

    public string Constant(float[] values, long[] shape, string hint)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(shape);
        tensor.FloatData.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string Constant(long[] values, long[] shape, string hint)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(shape);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public IReadOnlyList<string> Node(string op, IReadOnlyList<string> inputs, int outputs = 1,
        IReadOnlyDictionary<string, object>? attributes = null, string? hint = null)
    {
        var node = new NodeProto { OpType = op, Name = Fresh(op) };
        node.Input.AddRange(inputs);
        for (var i = 0; i < outputs; i++) node.Output.Add(Fresh((hint ?? op).ToLowerInvariant()));
        if (attributes is not null)
            foreach (var (key, value) in attributes) node.Attribute.Add(Attribute(key, value));
        _graph.Node.Add(node);
        return node.Output.ToList();
    }

    /// <summary>Declares a graph input; dimension -1 becomes the symbolic batch dimension, other negatives are named
    /// "<c>{name}_len</c>" (a KV cache's growing length).</summary>
    public string Input(string inputName, TensorProto.Types.DataType type, params long[] dims)
    {
        _graph.Input.Add(ValueInfo(inputName, type, dims));
        return inputName;
    }

    /// <summary>Exposes <paramref name="value"/> as a graph output named <paramref name="outputName"/>.</summary>
    public void Output(string outputName, string value, TensorProto.Types.DataType type, params long[] dims)
    {
        _graph.Node.Add(new NodeProto { OpType = "Identity", Name = Fresh("Identity"), Input = { value }, Output = { outputName } });
        _graph.Output.Add(ValueInfo(outputName, type, dims));
    }

    public ModelProto ToModel(IReadOnlyDictionary<string, string> metadata)
    {
        var model = new ModelProto
        {
            IrVersion = 9, // ONNX 1.15+, the IR that opset 20 ships with
            ProducerName = "Vla.NET",
            Graph = _graph,
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = Opset } },
        };
        foreach (var (key, value) in metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    private string Fresh(string hint)
    {
        _counts.TryGetValue(hint, out var n);
        _counts[hint] = n + 1;
        return $"{hint}_{n}";
    }

    private static ValueInfoProto ValueInfo(string valueName, TensorProto.Types.DataType type, long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d == -1 ? new TensorShapeProto.Types.Dimension { DimParam = Batch }
                : d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = $"{valueName}_len" }
                : new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = valueName,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private static AttributeProto Attribute(string key, object value)
    {
        var a = new AttributeProto { Name = key };
        switch (value)
        {
            case long l: a.Type = AttributeProto.Types.AttributeType.Int; a.I = l; break;
            case int i: a.Type = AttributeProto.Types.AttributeType.Int; a.I = i; break;
            case float f: a.Type = AttributeProto.Types.AttributeType.Float; a.F = f; break;
            case double d: a.Type = AttributeProto.Types.AttributeType.Float; a.F = (float)d; break;
            case string s: a.Type = AttributeProto.Types.AttributeType.String; a.S = ByteString.CopyFromUtf8(s); break;
            case long[] ls: a.Type = AttributeProto.Types.AttributeType.Ints; a.Ints.AddRange(ls); break;
            case int[] ints: a.Type = AttributeProto.Types.AttributeType.Ints; a.Ints.AddRange(ints.Select(x => (long)x)); break;
            case float[] fs: a.Type = AttributeProto.Types.AttributeType.Floats; a.Floats.AddRange(fs); break;
            default: throw new ArgumentException($"attribute '{key}' has unsupported type {value.GetType().Name}");
        }
        return a;
    }
}
