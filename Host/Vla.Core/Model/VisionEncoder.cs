using TorchSharp;
using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>Shared by all cameras: images (B, 3, H, W) in [0, 1] -> tokens (B, N, C), modulated per block.</summary>
internal abstract class VisionEncoder(string name) : nn.Module(name)
{
    /// <summary>Blocks the conditioning modulates (one FiLM projection each).</summary>
    public abstract int Blocks { get; }

    public abstract int Width { get; }

    /// <summary>Channels of each modulated block's output.</summary>
    public virtual IReadOnlyList<int> StageWidths => Enumerable.Repeat(Width, Blocks).ToArray();

    public abstract Tensor Encode(Tensor images, ConditioningModule conditioning, Tensor instruction);

    public static VisionEncoder Create(VisionSpec spec, int imageSize) => spec.Kind switch
    {
        "vit" => new VitEncoder(spec, imageSize),
        "conv" => new ConvStemEncoder(spec, imageSize),
        _ => throw new RecipeException("vision.kind", $"unknown encoder '{spec.Kind}'",
            $"valid kinds: {string.Join(", ", VisionSpec.Kinds)}"),
    };

    /// <summary>ImageNet-style centring so the first layers see zero-mean inputs.</summary>
    protected static Tensor Centre(Tensor images) => (images - 0.5f) * 2f;
}
