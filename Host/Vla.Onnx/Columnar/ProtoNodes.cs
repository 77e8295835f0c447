using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Vla.Onnx.Columnar;

/// <summary>
/// Nodes and constants added to an existing ONNX graph, named "vla_adapter_*" so they never meet the policy graph's
/// own names. Nodes are collected in order and prepended by <see cref="PrependTo"/>.
/// </summary>
internal sealed class ProtoNodes
{
    public const string MlDomain = "ai.onnx.ml";
    private readonly List<NodeProto> _nodes = [];
    private readonly List<TensorProto> _constants = [];
    private int _count;

    public string Node(string op, string[] inputs, IReadOnlyDictionary<string, object>? attributes = null, string? output = null,
        string domain = "") => Nodes(op, inputs, 1, attributes, [output], domain)[0];

    public string[] Nodes(string op, string[] inputs, int outputs, IReadOnlyDictionary<string, object>? attributes = null,
        string?[]? names = null, string domain = "")
    {
        var node = new NodeProto { OpType = op, Name = Fresh(op), Domain = domain, Input = { inputs } };
        for (var i = 0; i < outputs; i++) node.Output.Add(names?.ElementAtOrDefault(i) ?? Fresh(op.ToLowerInvariant()));
        foreach (var (key, value) in attributes ?? new Dictionary<string, object>()) node.Attribute.Add(Attribute(key, value));
        _nodes.Add(node);
        return node.Output.ToArray();
    }

    public string Longs(long[] values, params long[] shape)
    {
        var t = new TensorProto { Name = Fresh("const"), DataType = (int)DataType.Int64, Int64Data = { values } };
        t.Dims.AddRange(shape);
        _constants.Add(t);
        return t.Name;
    }

    public string Floats(float[] values, params long[] shape)
    {
        var t = new TensorProto { Name = Fresh("const"), DataType = (int)DataType.Float, FloatData = { values } };
        t.Dims.AddRange(shape);
        _constants.Add(t);
        return t.Name;
    }

    public void PrependTo(GraphProto graph)
    {
        for (var i = _nodes.Count - 1; i >= 0; i--) graph.Node.Insert(0, _nodes[i]);
        graph.Initializer.AddRange(_constants);
    }

    public static ValueInfoProto Value(string name, DataType type, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    private string Fresh(string hint) => $"vla_adapter_{hint}_{_count++}";

    private static AttributeProto Attribute(string key, object value)
    {
        var a = new AttributeProto { Name = key };
        switch (value)
        {
            case long l: a.Type = AttributeProto.Types.AttributeType.Int; a.I = l; break;
            case string s: a.Type = AttributeProto.Types.AttributeType.String; a.S = ByteString.CopyFromUtf8(s); break;
            case long[] ls: a.Type = AttributeProto.Types.AttributeType.Ints; a.Ints.AddRange(ls); break;
            case string[] ss: a.Type = AttributeProto.Types.AttributeType.Strings; a.Strings.AddRange(ss.Select(ByteString.CopyFromUtf8)); break;
            default: throw new ArgumentException($"attribute '{key}' has unsupported type {value.GetType().Name}");
        }
        return a;
    }
}
