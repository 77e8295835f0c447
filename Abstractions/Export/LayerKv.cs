namespace Vla.Abstractions.Export;

/// <summary>One layer's keys and values in a graph: (B, H, L, head_dim) each.</summary>
public sealed record LayerKv(string Keys, string Values);
