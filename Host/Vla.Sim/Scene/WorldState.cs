namespace Vla.Sim.Scene;

/// <summary>Positions the success detector looks at: object centres and fixture centres (world frame).</summary>
internal sealed record WorldState(IReadOnlyDictionary<string, Vec3> Objects, IReadOnlyDictionary<string, Vec3> Fixtures);
