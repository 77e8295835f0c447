using System.Text.Json;
using Vla.Abstractions;

namespace Vla.Cli.Bench;

/// <summary>
/// Analytic forward FLOPs of one sample of a recipe's policy (a multiply-add = 2 FLOPs), matmuls and convolutions
/// only: norms, activations, softmax and embedding lookups are left out, as model-FLOP utilisation conventionally
/// does. Attention counts the full L x L score and value products (SDPA computes them even under a causal mask).
/// A training step costs 3x the forward (backward = 2x) per sample.
/// </summary>
internal sealed record ModelFlops(double Vision, double Projection, double Backbone, double Head, bool HeadCounted)
{
    public double Forward => Vision + Projection + Backbone + Head;

    public double TrainingStep(int batch) => 3 * Forward * batch;

    /// <param name="slots">action slots in the backbone sequence (the head's SlotCount)</param>
    /// <param name="extraTokens">tokens between prefix and slots (the head's ExtraTokenCount)</param>
    public static ModelFlops Of(Recipe recipe, int slots, int extraTokens)
    {
        var w = (double)recipe.Backbone.Width;
        var tokensPerCamera = recipe.Vision.TokensPerCamera(recipe.ImageSize);
        var cameras = recipe.Cameras.Count;
        var vision = cameras * VisionEncoder(recipe.Vision, recipe.ImageSize);
        var projection = cameras * 2.0 * tokensPerCamera * recipe.Vision.Width * w
            + (recipe.ProprioDim > 0 ? 2.0 * (recipe.ProprioDim * w + w * w) : 0);
        var length = cameras * tokensPerCamera + (recipe.ProprioDim > 0 ? 1 : 0) + recipe.MaxInstructionTokens + extraTokens + slots;
        var backbone = recipe.Backbone.Depth * Block(length, w, recipe.Backbone.MlpRatio);
        var (head, counted) = HeadFlops(recipe, slots);
        return new ModelFlops(vision, projection, backbone, head, counted);
    }

    /// <summary>Pre-norm block over L tokens of width C: its linears plus its attention core.</summary>
    public static double Block(double length, double width, double mlpRatio) =>
        BlockLinears(length, width, mlpRatio) + BlockAttention(length, width);

    /// <summary>A block's linears: qkv (3C^2) + output projection (C^2) + MLP (2rC^2) per token.</summary>
    public static double BlockLinears(double length, double width, double mlpRatio) => 2 * length * width * width * (4 + 2 * mlpRatio);

    /// <summary>A block's attention core: QK^T and AV (L^2 C each).</summary>
    public static double BlockAttention(double length, double width) => 4 * length * length * width;

    private static double VisionEncoder(VisionSpec spec, int imageSize)
    {
        if (spec.Kind == "vit")
        {
            var tokens = spec.TokensPerCamera(imageSize);
            var patchEmbed = 2.0 * tokens * 3 * spec.PatchSize * spec.PatchSize * spec.Width;
            return patchEmbed + spec.Depth * Block(tokens, spec.Width, 4);   // the ViT's MLP ratio is fixed at 4
        }
        // Conv stem: per stage a 3x3 stride-2 conv (Cin -> C) then a 3x3 conv (C -> C) on the halved grid.
        double total = 0;
        var inChannels = 3;
        for (var i = 0; i < spec.Depth; i++)
        {
            var channels = Math.Max(8, spec.Width >> (spec.Depth - 1 - i));
            var grid = (double)(imageSize >> (i + 1));
            total += 2 * grid * grid * 9 * channels * (inChannels + channels);
            inChannels = channels;
        }
        return total;
    }

    /// <summary>L1 (MLPResNet over each timestep's D*W slot states) and discrete tokens (LM head over every slot) are
    /// counted; other heads are not (reported as such).</summary>
    private static (double Flops, bool Counted) HeadFlops(Recipe recipe, int slots)
    {
        var w = (double)recipe.Backbone.Width;
        var (k, d) = (recipe.Chunk, recipe.ActionDim);
        switch (recipe.Head)
        {
            case "l1-regression":
                var hidden = Option(recipe.HeadOptions, "hidden", recipe.Backbone.Width);
                var perStep = 2.0 * d * w * hidden + 2 * 2.0 * hidden * hidden + 2.0 * hidden * d; // fc1, 2 residual blocks, fc2
                return (k * perStep, true);
            case "discrete-tokens":
                var classes = Option(recipe.HeadOptions, "bins", 256) - 1;
                return (2.0 * slots * w * classes, true);
            default:
                return (0, false);
        }
    }

    private static int Option(Dictionary<string, JsonElement>? options, string key, int fallback) =>
        options is not null && options.TryGetValue(key, out var value) ? value.GetInt32() : fallback;
}
