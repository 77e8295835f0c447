namespace Vla.Abstractions;

/// <summary>How actions and proprio map to [-1, 1]: q01/q99 bounds (LIBERO, "q99") or min/max (ALOHA).</summary>
public sealed record NormalizationSpec
{
    public static readonly string[] Modes = ["q99", "minmax"];

    public string Mode { get; init; } = "q99";

    /// <summary>Action dimensions left as they are (the gripper, already -1/+1).</summary>
    public List<int> UnnormalizedActionDims { get; init; } = [6];

    public void Validate(int actionDim)
    {
        Recipe.Require(Modes.Contains(Mode), "normalization.mode", $"unknown mode '{Mode}'",
            $"valid modes: {string.Join(", ", Modes)}");
        foreach (var d in UnnormalizedActionDims)
            Recipe.Require(d >= 0 && d < actionDim, "normalization.unnormalized_action_dims",
                $"dimension {d} is outside the action's {actionDim} dimensions");
    }
}
