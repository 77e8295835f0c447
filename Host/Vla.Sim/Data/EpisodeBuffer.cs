using Vla.Sim.Scene;

namespace Vla.Sim.Data;

/// <summary>Frames of one demonstration kept in memory until the task's HDF5 file is written.</summary>
internal sealed class EpisodeBuffer
{
    internal List<float[]> Actions { get; } = new();
    internal List<byte[]> Agentview { get; } = new();
    internal List<byte[]> EyeInHand { get; } = new();
    internal List<float[]> Proprio { get; } = new();
    internal List<float[]> GoalOffsets { get; } = new();
    internal List<float[]> GoalPixels { get; } = new();
    internal int Seed { get; init; }
    internal int Length => Actions.Count;

    internal void Add(SimObservation obs, float[] action, float[] goalOffsets)
    {
        GoalOffsets.Add(goalOffsets);
        GoalPixels.Add(Pixels(obs.Proprio, goalOffsets));
        Agentview.Add(obs.Images[SimConventions.AgentView]);
        EyeInHand.Add(obs.Images[SimConventions.EyeInHand]);
        Proprio.Add(obs.Proprio);
        Actions.Add(action);
    }

    /// <summary>Where the goal's object and placement point appear in the agentview image (u, v each; see
    /// <see cref="AgentviewCamera.Project"/>): the gripper's position (proprio) plus each offset.</summary>
    internal static float[] Pixels(float[] proprio, float[] goalOffsets)
    {
        var ee = new Vec3(proprio[0], proprio[1], proprio[2]);
        var (ou, ov) = AgentviewCamera.Project(ee + new Vec3(goalOffsets[0], goalOffsets[1], goalOffsets[2]));
        var (pu, pv) = AgentviewCamera.Project(ee + new Vec3(goalOffsets[3], goalOffsets[4], goalOffsets[5]));
        return [(float)ou, (float)ov, (float)pu, (float)pv];
    }
}
