using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Vla.Core.Training;
using Vla.Onnx.Columnar;

namespace Vla.MLNet.Tests;

/// <summary>
/// The token ids the saved graph computes from text equal <c>InstructionTokenizer.Encode</c>'s for instructions made
/// of known words (any case, order or outer spaces), an empty one, and unseen words that are one GPT-2 token each.
/// </summary>
[Collection(TrainedPipeline.Collection)]
public sealed class InGraphTokenizerTests(TrainedPipeline fixture)
{
    [Theory]
    [InlineData("pick up the red block")]
    [InlineData("PICK UP THE Red Block")]
    [InlineData("block ball the up pick pick")]
    [InlineData("  pick up the yellow ball ")]
    [InlineData("")]
    [InlineData("pick up the purple banana")]
    [InlineData("pick up the red block and the blue ball and the green block and more")]
    public void In_graph_ids_equal_the_CSharp_tokenizer(string instruction)
    {
        var tokenizer = new RunFolder(fixture.Policy.RunDirectory).ReadTokenizer();
        var (expectedIds, expectedMask) = tokenizer.Encode(instruction);
        // With the training instructions (Fit), and from the run folder alone (vla export: words from the kept tokens).
        foreach (var known in new[] { fixture.Rows.Select(r => r.Instruction).Distinct().ToList(), [] })
        {
            var (ids, mask) = Run(instruction, known);
            ids.Should().Equal(expectedIds, $"{known.Count} instructions given");
            mask.Should().Equal(expectedMask);
        }
    }

    /// <summary>Builds the graph with the ids and mask exposed as outputs and runs it on blank images.</summary>
    private (long[] Ids, bool[] Mask) Run(string instruction, List<string> known)
    {
        var bytes = ColumnarPolicyGraph.Build(fixture.Policy.RunDirectory, SharedParts.Catalog, new ColumnarGraphOptions { Instructions = known });
        var model = ModelProto.Parser.ParseFrom(bytes);
        foreach (var (name, type) in new[] { ("instruction_tokens", TensorProto.Types.DataType.Int64), ("instruction_mask", TensorProto.Types.DataType.Bool) })
            model.Graph.Output.Add(new ValueInfoProto
            {
                Name = "vla_internal_" + name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type } },
            });
        using var session = new InferenceSession(model.ToByteArray());
        var s = TestData.ImageSize;
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("agentview", new DenseTensor<float>([1, 3, s, s])),
            NamedOnnxValue.CreateFromTensor("eye_in_hand", new DenseTensor<float>([1, 3, s, s])),
            NamedOnnxValue.CreateFromTensor("Instruction", new DenseTensor<string>(new[] { instruction }, [1, 1])),
            NamedOnnxValue.CreateFromTensor("Proprio", new DenseTensor<float>([1, TestData.ProprioDim])),
        };
        using var outputs = session.Run(inputs, ["vla_internal_instruction_tokens", "vla_internal_instruction_mask"]);
        return (outputs[0].AsEnumerable<long>().ToArray(), outputs[1].AsEnumerable<bool>().ToArray());
    }
}
