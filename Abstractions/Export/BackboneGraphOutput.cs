namespace Vla.Abstractions.Export;

/// <summary>Hidden states (B, L, W) after the final norm and every layer's keys/values including the new positions.</summary>
public sealed record BackboneGraphOutput(string Hidden, IReadOnlyList<LayerKv> Present);
