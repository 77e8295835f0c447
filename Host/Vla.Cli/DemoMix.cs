namespace Vla.Cli;

/// <summary>
/// What share of the scripted demonstrations are recovery episodes: <see cref="RetryFraction"/> miss one grasp on purpose
/// and go back; <see cref="TippedFraction"/> start with a cylinder lying on its side. Both change the data, so both name
/// the demonstration cache.
/// </summary>
internal sealed record DemoMix(double RetryFraction = 0, double TippedFraction = 0)
{
    /// <summary>"-retry25-tipped20" for 25 % retry and 20 % tipped-start episodes; "" for clean demonstrations.</summary>
    public string CacheSuffix => Percent("retry", RetryFraction) + Percent("tipped", TippedFraction);

    private static string Percent(string name, double fraction) => fraction > 0 ? $"-{name}{Math.Round(100 * fraction)}" : "";
}
