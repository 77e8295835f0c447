namespace Vla.Sim.Scene;

/// <summary>
/// A cylinder that starts an episode on its side, its axis horizontal at <paramref name="AxisYaw"/> (radians about z):
/// the state a policy reaches when it knocks a cylinder over, shown in tipped-start demonstrations.
/// </summary>
internal readonly record struct LyingObject(string Name, double AxisYaw);
