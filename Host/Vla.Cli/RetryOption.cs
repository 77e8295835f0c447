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
    public static Option<double> Create() => new("--retry-fraction")
    {
        Description = "share of demonstrations whose expert misses one grasp on purpose and recovers (0..1), so the policy " +
                      "learns to go back after a missed grasp",
        DefaultValueFactory = _ => 0,
    };

    public static double Value(ParseResult parse, Option<double> option)
    {
        var v = parse.GetValue(option);
        if (v is < 0 or > 1 || double.IsNaN(v))
            throw new VlaException($"--retry-fraction {v} is outside 0..1", "give a share of the demonstrations, e.g. 0.2");
        return v;
    }
}
