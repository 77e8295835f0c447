namespace Vla.Sim;

/// <summary>
/// Action/observation conventions (LIBERO-like). Action (7): delta position xyz in [-1, 1], scaled by
/// <see cref="MaxTranslationPerStep"/> metres and added to the current end-effector position; delta rotation
/// axis-angle (3), of which only the z (yaw) component is applied, scaled by <see cref="MaxYawPerStep"/>
/// radians (the gripper always points down; x/y rotation is ignored); gripper in [-1, 1] (-1 open, +1 close).
/// Proprio (8): ee position (3, metres, table top at z = 0), ee orientation axis-angle (3),
/// finger positions (2: +opening, -opening, like LIBERO's gripper_states).
/// </summary>
public static class SimConventions
{
    public const int ActionDim = 7;
    public const int ProprioDim = 8;
    public const int ControlHz = 20;
    public const double MaxTranslationPerStep = 0.02;
    public const double MaxYawPerStep = 0.1;

    /// <summary>Actions are clipped to [-1, 1]; |a| above this bound (or NaN) is a policy error that ends the episode.</summary>
    public const float InvalidActionBound = 10f;

    public const string AgentView = "agentview";
    public const string EyeInHand = "eye_in_hand";
    public static IReadOnlyList<string> Cameras { get; } = [AgentView, EyeInHand];
}
