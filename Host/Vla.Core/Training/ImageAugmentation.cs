using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Vla.Core.Training;

/// <summary>
/// openvla-oft's training-image augmentation, batched: a random crop of 90-100% of the area (aspect kept) at a random
/// position, resized back to the input size (one affine resampling), then colour jitter - brightness and contrast
/// factors in [0.8, 1.2] and saturation in [0.8, 1.2]. Hue jitter is left out (it needs an HSV round trip and
/// the simulator's colours are what names the objects). The reference crops exactly 90% and centre-crops at
/// evaluation; sampling the area in [0.9, 1] instead keeps the uncropped frame inside the training distribution, so
/// inference (torch, ONNX, ML.NET) needs no crop step. Draws come from the caller's seeded Random (exact resume).
/// </summary>
internal static class ImageAugmentation
{
    private const double MinArea = 0.9, Jitter = 0.2;

    /// <summary>Returns augmented copies of (B, 3, H, W) images in [0, 1]; each image gets its own draws.</summary>
    public static Tensor Apply(Tensor images, Random rng)
    {
        var b = (int)images.shape[0];
        var theta = new float[b * 6];
        var colour = new float[b * 3];
        for (var i = 0; i < b; i++)
        {
            var side = (float)Math.Sqrt(MinArea + (1 - MinArea) * rng.NextDouble());   // crop side / image side
            var room = 1 - side;                                                      // in [-1, 1] grid units
            theta[i * 6 + 0] = side;
            theta[i * 6 + 2] = (float)((2 * rng.NextDouble() - 1) * room);
            theta[i * 6 + 4] = side;
            theta[i * 6 + 5] = (float)((2 * rng.NextDouble() - 1) * room);
            for (var c = 0; c < 3; c++) colour[i * 3 + c] = (float)(1 + Jitter * (2 * rng.NextDouble() - 1));
        }
        using var scope = NewDisposeScope();
        using var affine = tensor(theta, [b, 2, 3]);
        var grid = F.affine_grid(affine, images.shape, align_corners: false);
        var x = F.grid_sample(images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false);
        var factors = tensor(colour, [b, 3]);
        var brightness = factors[.., 0].view(b, 1, 1, 1);
        var contrast = factors[.., 1].view(b, 1, 1, 1);
        var saturation = factors[.., 2].view(b, 1, 1, 1);
        x = (x * brightness).clamp(0, 1);
        var grey = Grey(x);
        x = ((x - grey.mean([1, 2, 3], keepdim: true)) * contrast + grey.mean([1, 2, 3], keepdim: true)).clamp(0, 1);
        grey = Grey(x);
        x = ((x - grey) * saturation + grey).clamp(0, 1);
        return x.MoveToOuterDisposeScope();
    }

    // ITU-R 601 luma, kept as (B, 1, H, W) to broadcast over the channels.
    private static Tensor Grey(Tensor x) => (0.299f * x[.., 0..1] + 0.587f * x[.., 1..2] + 0.114f * x[.., 2..3]);
}
