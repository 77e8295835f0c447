namespace Vla.Abstractions;

/// <summary>K actions of D raw (de-normalised) values, executed open-loop in order.</summary>
public sealed record ActionChunk(int K, int D, float[] Values)
{
    public float this[int k, int d] => Values[k * D + d];

    /// <summary>The k-th action as an array of D values.</summary>
    public float[] Step(int k) => Values.AsSpan(k * D, D).ToArray();
}
