using Vla.Abstractions;

namespace Vla.Cli.Bench;

/// <summary>
/// The OFT-shaped model ENVIRONMENT.md calibrated this machine with (ViT 4x192 with 16 px patches over 2 cameras at
/// 128 px, backbone 4x256; about 5.7M parameters, 201 tokens): the recipe with those sizes. Its training MFU beside the
/// recipe's own says how much of a gap to the matmul peak is the model's shape (128-wide matmuls, 32-wide attention
/// heads run below peak) and how much is the training code.
/// </summary>
internal static class ReferenceShape
{
    public const string Description = "ViT 4x192, 16 px patches at 128 px, backbone 4x256";

    public static Recipe Of(Recipe recipe) => recipe with
    {
        ImageSize = 128,
        Vision = recipe.Vision with { Kind = "vit", Width = 192, Depth = 4, Heads = 3, PatchSize = 16 },
        Backbone = recipe.Backbone with { Width = 256, Depth = 4, Heads = 4 },
    };
}
