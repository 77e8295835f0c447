using Microsoft.ML.Data;

namespace Vla.MLNet.Tests;

/// <summary>One ML.NET input row: image files on disk plus the step's instruction, proprio, chunk label and episode.</summary>
public sealed class StepRow
{
    public string AgentviewPath { get; set; } = "";
    public string EyeInHandPath { get; set; } = "";
    public string Instruction { get; set; } = "";

    [VectorType(TestData.ProprioDim)] public float[] Proprio { get; set; } = [];

    [VectorType(TestData.Chunk * TestData.ActionDim)] public float[] Label { get; set; } = [];

    public int Episode { get; set; }
}
