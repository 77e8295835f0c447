namespace Vla.Sim.Data;

/// <summary>Frames of one demonstration kept in memory until the task's HDF5 file is written.</summary>
internal sealed class EpisodeBuffer
{
    internal List<float[]> Actions { get; } = new();
    internal List<byte[]> Agentview { get; } = new();
    internal List<byte[]> EyeInHand { get; } = new();
    internal List<float[]> Proprio { get; } = new();
    internal List<float[]> GoalOffsets { get; } = new();
    internal int Seed { get; init; }
    internal int Length => Actions.Count;

    internal void Add(SimObservation obs, float[] action, float[] goalOffsets)
    {
        GoalOffsets.Add(goalOffsets);
        Agentview.Add(obs.Images[SimConventions.AgentView]);
        EyeInHand.Add(obs.Images[SimConventions.EyeInHand]);
        Proprio.Add(obs.Proprio);
        Actions.Add(action);
    }
}
