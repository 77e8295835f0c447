using TorchSharp;
using TorchSharp.Modules;
using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>
/// A convolutional stem: depth stride-2 stages to an (S / 2^depth)^2 grid, flattened into tokens with learned
/// positions. At 64 px and depth 3 it yields an 8x8 grid per camera where a ViT with 16 px patches gives 4x4:
/// finer localisation for grasping at a similar cost.
/// </summary>
internal sealed class ConvStemEncoder : VisionEncoder
{
    private readonly ModuleList<ConvStage> stages;
    private readonly Parameter position_embedding;
    private readonly LayerNorm norm;

    public ConvStemEncoder(VisionSpec spec, int imageSize) : base(nameof(ConvStemEncoder))
    {
        Width = spec.Width;
        // Channels double stage by stage up to the width (cheap at high resolution, wide where the grid is small).
        StageWidths = Enumerable.Range(0, spec.Depth).Select(i => Math.Max(8, spec.Width >> (spec.Depth - 1 - i))).ToArray();
        stages = new ModuleList<ConvStage>();
        for (var i = 0; i < spec.Depth; i++) stages.Add(new ConvStage(i == 0 ? 3 : StageWidths[i - 1], StageWidths[i]));
        var grid = imageSize >> spec.Depth;
        position_embedding = nn.Parameter(randn(grid * grid, spec.Width) * 0.02f);
        norm = nn.LayerNorm(spec.Width);
        RegisterComponents();
    }

    public override int Blocks => stages.Count;

    public override IReadOnlyList<int> StageWidths { get; }

    public override int Width { get; }

    public override Tensor Encode(Tensor images, ConditioningModule conditioning, Tensor instruction)
    {
        using var scope = NewDisposeScope();
        var x = Centre(images);                                                   // (B, 3, S, S)
        for (var i = 0; i < stages.Count; i++)
        {
            var block = i;
            x = stages[i].Forward(x, h => conditioning.Modulate(block, h, instruction));
        }
        var tokens = x.flatten(2).transpose(1, 2) + position_embedding;          // (B, N, C)
        return norm.forward(tokens).MoveToOuterDisposeScope();
    }
}
