using TorchSharp;
using TorchSharp.Modules;
using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>A small ViT as in the paper: patch embedding, learned positions, pre-norm blocks with FiLM's hook.</summary>
internal sealed class VitEncoder : VisionEncoder
{
    private readonly Conv2d patch_embed;
    private readonly Parameter position_embedding;
    private readonly ModuleList<TransformerBlock> blocks;
    private readonly LayerNorm norm;

    public VitEncoder(VisionSpec spec, int imageSize) : base(nameof(VitEncoder))
    {
        Width = spec.Width;
        var patches = (imageSize / spec.PatchSize) * (imageSize / spec.PatchSize);
        patch_embed = nn.Conv2d(3, spec.Width, spec.PatchSize, stride: spec.PatchSize);
        position_embedding = nn.Parameter(randn(patches, spec.Width) * 0.02f);
        blocks = new ModuleList<TransformerBlock>();
        for (var i = 0; i < spec.Depth; i++) blocks.Add(new TransformerBlock(spec.Width, spec.Heads, 4));
        norm = nn.LayerNorm(spec.Width);
        RegisterComponents();
    }

    public override int Blocks => blocks.Count;

    public override int Width { get; }

    public override Tensor Encode(Tensor images, ConditioningModule conditioning, Tensor instruction)
    {
        using var scope = NewDisposeScope();
        var x = patch_embed.forward(Centre(images)).flatten(2).transpose(1, 2);   // (B, N, C)
        x = x + position_embedding;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = i;
            x = blocks[i].Forward(x, null, modulate: h => conditioning.Modulate(block, h, instruction));
        }
        return norm.forward(x).MoveToOuterDisposeScope();                           // (B, N, C)
    }
}
