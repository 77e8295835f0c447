using static TorchSharp.torch;

namespace Vla.Abstractions;

/// <summary>
/// A batch as the model consumes it. Images: one (B, 3, H, W) float tensor in [0, 1] per camera, in the recipe's
/// camera order; tokens (B, T) int64 with mask (B, T) bool (true = real token); proprio (B, P) normalised or null.
/// </summary>
public sealed class ObservationBatch(IReadOnlyList<Tensor> images, Tensor tokens, Tensor tokenMask, Tensor? proprio)
    : IDisposable
{
    public IReadOnlyList<Tensor> Images { get; } = images;
    public Tensor Tokens { get; } = tokens;
    public Tensor TokenMask { get; } = tokenMask;
    public Tensor? Proprio { get; } = proprio;
    public long Size => Tokens.shape[0];

    public void Dispose()
    {
        foreach (var image in Images) image.Dispose();
        Tokens.Dispose();
        TokenMask.Dispose();
        Proprio?.Dispose();
    }
}
