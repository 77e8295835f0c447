using System.CommandLine;
using Vla.Abstractions;

namespace Vla.Cli;

/// <summary>
/// --retry-fraction: the share of demonstrations in which the scripted expert misses one grasp on purpose and goes back
/// for the object. Clean demonstrations never show an empty gripper after a lift, so a policy that misses a grasp
/// carries nothing to the fixture and hovers there until the step limit.
/// </summary>
internal static class RetryOption
{
    /// <summary>
    /// What `vla run` and `vla ablate` fine-tune on: a quarter of the demonstrations recover from a missed grasp. From the
    /// stage-4 base it took the default run from 60.6% to 77.8% and its missed grasps from 242 to 44 in 1,300 trials
    /// (docs/results/2026-11-28-s16-retry).
    /// </summary>
    public const double FineTuneDefault = 0.25;

    public static Option<double> Create(double defaultValue = 0) => new("--retry-fraction")
    {
        Description = "share of demonstrations whose expert misses one grasp on purpose and recovers (0..1), so the policy " +
                      "learns to go back after a missed grasp",
        DefaultValueFactory = _ => defaultValue,
    };

    public static double Value(ParseResult parse, Option<double> option) => Fraction("--retry-fraction", parse.GetValue(option));

    /// <summary>A share of the demonstrations, checked to lie in 0..1.</summary>
    internal static double Fraction(string option, double v) =>
        v is < 0 or > 1 || double.IsNaN(v)
            ? throw new VlaException($"{option} {v} is outside 0..1", "give a share of the demonstrations, e.g. 0.2")
            : v;
}
