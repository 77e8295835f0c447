namespace Vla.Core.Util;

/// <summary>
/// Deterministic seed mixing (SplitMix64). HashCode.Combine is randomised per process, so seeds derived from it
/// would change between runs and break exact resume and reproducible data.
/// </summary>
public static class Seeds
{
    public static int Mix(params long[] values)
    {
        ulong h = 0x9E3779B97F4A7C15;
        foreach (var v in values)
        {
            h ^= (ulong)v + 0x9E3779B97F4A7C15 + (h << 6) + (h >> 2);
            h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9;
            h = (h ^ (h >> 27)) * 0x94D049BB133111EB;
            h ^= h >> 31;
        }
        return (int)(h & 0x7fffffff);
    }
}
