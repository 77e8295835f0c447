using static TorchSharp.torch;

namespace Vla.Abstractions;

/// <summary>
/// The policy's transformer as decoders see it. Position embeddings are added inside, so a decoder passes only
/// content embeddings: zero action slots then differ only by position, as in parallel decoding.
/// </summary>
public interface IBackbone
{
    int Width { get; }

    /// <summary>embeds (B, L, W) at positions 0..L-1; mask (L, L) bool, true = may attend, null = attend to all.
    /// Returns hidden states (B, L, W) after the final norm.</summary>
    Tensor Forward(Tensor embeds, Tensor? mask);

    /// <summary>Appends embeds (B, L, W) at positions cache.Length.. to the cache; mask (L, cache.Length + L) or
    /// null for all. Returns hidden states (B, L, W).</summary>
    Tensor Forward(Tensor embeds, Tensor? mask, KvCache cache);

    KvCache CreateCache();
}
