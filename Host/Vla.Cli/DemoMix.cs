namespace Vla.Cli;

/// <summary>
/// What share of the scripted demonstrations are recovery episodes: <see cref="RetryFraction"/> miss one grasp on purpose
/// and go back; <see cref="TippedFraction"/> start with a cylinder lying on its side; <see cref="PerturbedFraction"/> are
/// pushed off the expert's path and record its corrections. Each changes the data, so each names the demonstration cache.
/// </summary>
internal sealed record DemoMix(double RetryFraction = 0, double TippedFraction = 0, double PerturbedFraction = 0)
{
    /// <summary>"-retry25-tipped20-perturbed50" for 25 % retry, 20 % tipped-start and 50 % perturbed episodes; "" for clean
    /// demonstrations.</summary>
    public string CacheSuffix => Percent("retry", RetryFraction) + Percent("tipped", TippedFraction) + Percent("perturbed", PerturbedFraction);

    private static string Percent(string name, double fraction) => fraction > 0 ? $"-{name}{Math.Round(100 * fraction)}" : "";
}
