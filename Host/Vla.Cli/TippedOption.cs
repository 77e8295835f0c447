using System.CommandLine;

namespace Vla.Cli;

/// <summary>
/// --tipped-fraction: the share of demonstrations that start with one of the scene's cylinders lying on its side, which
/// the expert then grasps and places as it lies. A policy that knocks a cylinder over meets a state no upright-only
/// demonstration shows; in session 18 that happened in 40 of 54 failed long episodes.
/// </summary>
internal static class TippedOption
{
    /// <summary>What `vla run` and `vla ablate` fine-tune on (measured in docs/results/2026-11-28-s19-tipped).</summary>
    public const double FineTuneDefault = 0;

    public static Option<double> Create(double defaultValue = 0) => new("--tipped-fraction")
    {
        Description = "share of demonstrations that start with a cylinder on its side (0..1), so the policy learns to pick " +
                      "up a cylinder it has knocked over",
        DefaultValueFactory = _ => defaultValue,
    };

    public static double Value(ParseResult parse, Option<double> option) => RetryOption.Fraction("--tipped-fraction", parse.GetValue(option));
}
