namespace Vla.Sim.Scene;

/// <summary>An initial state: table poses of every object and fixture, and the gripper's start position.</summary>
internal sealed record Placement(IReadOnlyDictionary<string, Pose2> Poses, Vec3 HandStart);
