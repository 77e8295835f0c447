namespace Vla.Sim.Data;

/// <summary>Derives per-episode seeds from a base seed, a purpose salt, a task index and an attempt number.</summary>
internal static class SeedMixer
{
    internal const int DemoSalt = 1, EvalSalt = 2, RetrySalt = 3, TipSalt = 4, PushSalt = 5;

    internal static int Derive(int baseSeed, int salt, int taskIndex, int attempt)
    {
        unchecked
        {
            uint h = 2166136261;
            foreach (int v in new[] { baseSeed, salt, taskIndex, attempt })
            {
                h = (h ^ (uint)v) * 16777619;
                h ^= h >> 15;
            }
            return (int)(h & 0x7fffffff);
        }
    }
}
