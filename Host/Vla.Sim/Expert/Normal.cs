namespace Vla.Sim.Expert;

/// <summary>Standard normal draws (Box-Muller) from a seeded generator, so seeded demonstrations repeat exactly.</summary>
internal static class Normal
{
    internal static double Sample(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
