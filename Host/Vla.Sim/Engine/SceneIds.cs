using Vla.Sim.Scene;

namespace Vla.Sim.Engine;

/// <summary>Name -> index lookups resolved once per compiled model.</summary>
internal sealed class SceneIds
{
    internal int HandBody { get; }
    internal double HandMass { get; }
    internal int HandQpos { get; }
    internal int GripSite { get; }
    internal int TargetMocap { get; }
    internal int FingerLQpos { get; }
    internal int FingerRQpos { get; }
    internal int FingerLActuator { get; }
    internal int FingerRActuator { get; }
    internal int AgentCamera { get; }
    internal int WristCamera { get; }
    internal Dictionary<string, int> ObjectQpos { get; } = new();
    internal Dictionary<string, int> ObjectBody { get; } = new();
    internal Dictionary<string, int> FixtureMocap { get; } = new();
    internal Dictionary<string, int> FixtureBody { get; } = new();

    internal SceneIds(MjSim sim, SceneSpec scene)
    {
        HandBody = sim.Id(MjSim.Kind.Body, "hand");
        HandMass = sim.SubtreeMass(HandBody);
        HandQpos = sim.QposAdr(sim.Id(MjSim.Kind.Joint, "hand"));
        GripSite = sim.Id(MjSim.Kind.Site, "grip");
        TargetMocap = sim.MocapId(sim.Id(MjSim.Kind.Body, "ee_target"));
        FingerLQpos = sim.QposAdr(sim.Id(MjSim.Kind.Joint, "finger_l"));
        FingerRQpos = sim.QposAdr(sim.Id(MjSim.Kind.Joint, "finger_r"));
        FingerLActuator = sim.Id(MjSim.Kind.Actuator, "finger_l");
        FingerRActuator = sim.Id(MjSim.Kind.Actuator, "finger_r");
        AgentCamera = sim.Id(MjSim.Kind.Camera, SimConventions.AgentView);
        WristCamera = sim.Id(MjSim.Kind.Camera, SimConventions.EyeInHand);
        foreach (var o in scene.Objects)
        {
            ObjectBody[o.Name] = sim.Id(MjSim.Kind.Body, o.Name);
            ObjectQpos[o.Name] = sim.QposAdr(sim.Id(MjSim.Kind.Joint, o.Name));
        }
        foreach (var f in scene.Fixtures)
        {
            FixtureBody[f.Name] = sim.Id(MjSim.Kind.Body, f.Name);
            FixtureMocap[f.Name] = sim.MocapId(FixtureBody[f.Name]);
        }
    }
}
