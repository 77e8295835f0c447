using Vla.Abstractions;
using Vla.Cli.Bench;

namespace Vla.Cli.Tests.Bench;

/// <summary>The analytic FLOP count against a count done by hand for a model small enough to check line by line.</summary>
public class ModelFlopsTests
{
    // One camera 8x8 px, ViT width 8 depth 1 patch 4 (4 tokens); proprio 2; 3 instruction tokens;
    // backbone width 8 depth 1 MLP ratio 2; chunk K=2, D=3 (6 slots); L1 head with hidden = width = 8.
    private static readonly Recipe Tiny = new()
    {
        Chunk = 2,
        ActionDim = 3,
        ProprioDim = 2,
        Cameras = ["agentview"],
        ImageSize = 8,
        MaxInstructionTokens = 3,
        Vision = new VisionSpec { Kind = "vit", Width = 8, Depth = 1, Heads = 2, PatchSize = 4 },
        Backbone = new BackboneSpec { Width = 8, Depth = 1, Heads = 2, MlpRatio = 2 },
        Head = "l1-regression",
    };

    [Fact]
    public void Forward_flops_match_a_hand_count()
    {
        var flops = ModelFlops.Of(Tiny, slots: 6, extraTokens: 0);

        // patch embedding: 4 tokens x (3*4*4) inputs x 8 outputs x 2 = 3072
        // ViT block, L=4, C=8, ratio 4: qkv 2*4*8*24 = 1536, proj 2*4*8*8 = 512, MLP 2*4*8*32*2 = 4096,
        //   QK^T + AV 2 * 2*4*4*8 = 512 -> 6656
        flops.Vision.Should().Be(3072 + 6656);
        // vision projection 2*4*8*8 = 512; proprio MLP 2*(2*8) + 2*(8*8) = 160
        flops.Projection.Should().Be(512 + 160);
        // backbone, L = 4 + 1 + 3 + 6 = 14: qkv 2*14*8*24 = 5376, proj 2*14*8*8 = 1792, MLP 2*14*8*16*2 = 7168,
        //   attention 2 * 2*14*14*8 = 6272 -> 20608
        flops.Backbone.Should().Be(20608);
        // L1 head per timestep: fc1 2*24*8 = 384, 2 residual blocks 2*(2*8*8) = 256, fc2 2*8*3 = 48 -> 688, x K=2
        flops.Head.Should().Be(1376);
        flops.HeadCounted.Should().BeTrue();
        flops.Forward.Should().Be(32384);
        flops.TrainingStep(batch: 5).Should().Be(3 * 32384 * 5);
    }

    [Fact]
    public void Discrete_head_counts_the_lm_head_over_every_slot()
    {
        var flops = ModelFlops.Of(Tiny with { Head = "discrete-tokens", Decoder = "autoregressive", Chunk = 1 }, slots: 3, extraTokens: 0);

        flops.Head.Should().Be(2.0 * 3 * 8 * 255);   // 3 slots x width 8 x 255 classes
        flops.Backbone.Should().Be(ModelFlops.Block(4 + 1 + 3 + 3, 8, 2));
    }
}
