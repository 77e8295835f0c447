namespace Vla.Abstractions;

/// <summary>An action chunk: K future actions of D dimensions each (LIBERO: K=8, D=7).</summary>
public readonly record struct ChunkShape(int K, int D)
{
    /// <summary>K*D: one action slot per scalar, as OpenVLA-OFT lays them out.</summary>
    public int Scalars => K * D;

    public override string ToString() => $"K={K} x D={D}";
}
