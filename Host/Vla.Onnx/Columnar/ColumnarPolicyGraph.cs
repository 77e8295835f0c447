using Google.Protobuf;
using Onnx;
using Vla.Abstractions;
using Vla.Core.Model;
using Vla.Core.Plugins;
using Vla.Core.Text;
using Vla.Core.Training;
using Vla.Onnx.Graphs;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Vla.Onnx.Columnar;

/// <summary>
/// A trained run as one self-contained ONNX graph for a row-at-a-time host such as ML.NET's OnnxTransformer: the
/// policy as one graph (<see cref="PolicyGraphs.SingleGraph"/>: one pass, or the DDIM / greedy-decode loop unrolled)
/// behind an adapter that takes planar float pixels, instruction text (tokenised in-graph, see <see cref="TokenizerGraph"/>)
/// and raw proprio, batch fixed to 1, and gives the raw chunk (K, D). Every recipe builds one.
/// </summary>
public static class ColumnarPolicyGraph
{
    internal const string Internal = "vla_internal_";
    private const long MlOpset = 3;

    /// <summary>Loads the run's latest checkpoint and returns the graph's bytes (an ONNX ModelProto).</summary>
    public static byte[] Build(string runDir, PartCatalog catalog, ColumnarGraphOptions options)
    {
        var run = new RunFolder(runDir).RequireTrained();
        var recipe = run.ReadRecipe();
        var tokenizer = run.ReadTokenizer();
        using var model = new VlaPolicyModel(recipe, PolicyParts.Resolve(recipe, catalog), tokenizer.VocabularySize);
        Checkpoint.LoadModel(run.LatestCheckpoint, model);
        model.eval();
        return Build(model, tokenizer, run.ReadStatistics(), options).ToByteArray();
    }

    internal static ModelProto Build(VlaPolicyModel model, InstructionTokenizer tokenizer, DatasetStatistics stats, ColumnarGraphOptions options)
    {
        using var _ = no_grad();
        var recipe = model.Recipe;
        var graphs = new PolicyGraphs(model, stats);
        var proto = graphs.SingleGraph().ToModel(new Dictionary<string, string>
        {
            [ExportFolder.FormatKey] = ExportFolder.Format,
            [ExportFolder.RecipeKey] = recipe.ToJson(),
            ["vla.layout"] = "columnar",
        });
        Adapt(proto.Graph, recipe, tokenizer, options);
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = ProtoNodes.MlDomain, Version = MlOpset });
        return proto;
    }

    /// <summary>Renames the graph's raw inputs/outputs to internal names and feeds them from the columnar inputs.</summary>
    private static void Adapt(GraphProto graph, Recipe recipe, InstructionTokenizer tokenizer, ColumnarGraphOptions o)
    {
        CheckNames(graph, recipe, o);
        foreach (var input in graph.Input) Rename(graph, input.Name);
        graph.Input.Clear();
        var g = new ProtoNodes();
        var s = recipe.ImageSize;
        foreach (var camera in recipe.Cameras)
        {
            var column = o.CameraColumn(camera);
            graph.Input.Add(ProtoNodes.Value(column, DataType.Float, 1, 3, s, s));
            var x = o.PixelsAreScaled ? g.Node("Mul", [column, g.Floats([255f])]) : column;
            var bytes = g.Node("Clip", [g.Node("Round", [x]), g.Floats([0f]), g.Floats([255f])]);
            var hwc = g.Node("Transpose", [bytes], new Dictionary<string, object> { ["perm"] = new long[] { 0, 2, 3, 1 } });
            g.Node("Cast", [hwc], new Dictionary<string, object> { ["to"] = (long)DataType.Uint8 }, Internal + PrefixGraph.ImageInput(camera));
        }
        graph.Input.Add(ProtoNodes.Value(o.InstructionColumn, DataType.String, 1, 1));
        var table = WordTable.Build(tokenizer, o.Instructions);
        TokenizerGraph.Emit(g, o.InstructionColumn, table, tokenizer.MaxTokens, Internal + PrefixGraph.TokensInput, Internal + PrefixGraph.MaskInput);
        if (recipe.ProprioDim > 0)
        {
            graph.Input.Add(ProtoNodes.Value(o.ProprioColumn, DataType.Float, 1, recipe.ProprioDim));
            g.Node("Identity", [o.ProprioColumn], output: Internal + PrefixGraph.ProprioInput);
        }
        g.PrependTo(graph);
        var actions = graph.Output.Single();
        foreach (var node in graph.Node)
            for (var i = 0; i < node.Output.Count; i++)
                if (node.Output[i] == actions.Name) node.Output[i] = Internal + actions.Name;
        graph.Output.Clear();
        graph.Node.Add(new NodeProto
        {
            OpType = "Reshape", Name = "vla_adapter_output", Output = { o.OutputColumn },
            Input = { Internal + actions.Name, "vla_adapter_output_shape" },
        });
        graph.Initializer.Add(new TensorProto
        {
            Name = "vla_adapter_output_shape", DataType = (int)DataType.Int64, Dims = { 2 }, Int64Data = { recipe.Chunk, recipe.ActionDim },
        });
        graph.Output.Add(ProtoNodes.Value(o.OutputColumn, DataType.Float, recipe.Chunk, recipe.ActionDim));
    }

    /// <summary>Column names become graph names: they must be distinct and unused by the policy graph.</summary>
    private static void CheckNames(GraphProto graph, Recipe recipe, ColumnarGraphOptions o)
    {
        var columns = recipe.Cameras.Select(o.CameraColumn).Append(o.InstructionColumn).Append(o.OutputColumn)
            .Concat(recipe.ProprioDim > 0 ? [o.ProprioColumn] : []).ToList();
        var duplicate = columns.GroupBy(c => c).FirstOrDefault(c => c.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"column '{duplicate.Key}' is named for two roles", nameof(o));
        var used = graph.Node.SelectMany(n => n.Output).Concat(graph.Initializer.Select(i => i.Name)).ToHashSet();
        var clash = columns.FirstOrDefault(c => used.Contains(c) || c.StartsWith(Internal, StringComparison.Ordinal) || c.StartsWith("vla_adapter_", StringComparison.Ordinal));
        if (clash is not null)
            throw new ArgumentException($"column name '{clash}' is a name inside the policy graph: rename the column", nameof(o));
    }

    private static void Rename(GraphProto graph, string name)
    {
        foreach (var node in graph.Node)
            for (var i = 0; i < node.Input.Count; i++)
                if (node.Input[i] == name) node.Input[i] = Internal + name;
    }
}
