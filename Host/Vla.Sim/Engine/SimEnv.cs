using Vla.Sim.Native;
using Vla.Sim.Scene;
using Vla.Sim.Tasks;

namespace Vla.Sim.Engine;

/// <summary>
/// One simulated table-top environment: a compiled task scene, an end-effector (mocap) controller at 20 Hz
/// and two cameras rendered on the env's own GL thread. Load a task once, then Reset(seed)/Step many times.
/// </summary>
internal sealed class SimEnv : IDisposable
{
    // One 20 Hz control step = 50 ms of physics.
    private static readonly int Substeps = (int)Math.Round(1.0 / SimConventions.ControlHz / MjcfBuilder.Timestep);
    private static readonly Vec3 WorkspaceMin = new(-0.32, -0.26, 0.026), WorkspaceMax = new(0.32, 0.28, 0.35);

    private readonly RenderThread _gl;
    private MjSim? _sim;
    private nint _renderer;
    private SceneIds? _ids;

    internal int Height { get; }
    internal int Width { get; }
    internal SimTask Task { get; private set; } = null!;
    internal int StepCount { get; private set; }

    internal SimEnv(int height = 128, int width = 128)
    {
        if (height < 8 || width < 8 || height > 2048 || width > 2048)
            throw new ArgumentOutOfRangeException(nameof(height), "image size must be within 8..2048 pixels");
        Height = height;
        Width = width;
        _gl = new RenderThread();
    }

    /// <summary>Compiles the task's scene (skipped when the same scene is already loaded).</summary>
    internal void Load(SimTask task)
    {
        if (_sim != null && ReferenceEquals(Task.Scene, task.Scene)) { Task = task; return; }
        FreeModel();
        _sim = new MjSim(task.Xml(Math.Max(Width, 64), Math.Max(Height, 64)));
        _ids = new SceneIds(_sim, task.Scene);
        var sim = _sim;
        _renderer = _gl.Invoke(() => NativeMethods.vla_renderer_create(sim.Handle));
        if (_renderer == 0) throw new InvalidOperationException("renderer creation failed: " + NativeMethods.LastError());
        Task = task;
    }

    /// <summary>Puts the scene in the seed's initial state and lets the objects settle; <paramref name="lying"/> lays one
    /// cylinder on its side where it would have stood.</summary>
    internal void Reset(int seed, LyingObject? lying = null)
    {
        var (sim, ids) = Loaded();
        var placement = Task.InitialState(seed);
        sim.Reset();
        foreach (var o in Task.Scene.Objects)
            PlaceObject(sim, ids.ObjectQpos[o.Name], o, placement.Poses[o.Name], lying is { } l && l.Name == o.Name ? l.AxisYaw : null);
        foreach (var f in Task.Scene.Fixtures)
        {
            var p = placement.Poses[f.Name];
            sim.SetMocap(ids.FixtureMocap[f.Name], new Vec3(p.X, p.Y, 0), Rotation.YawQuat(p.Yaw));
        }
        var hand = placement.HandStart;
        sim.SetQpos(ids.HandQpos, [hand.X, hand.Y, hand.Z, 1, 0, 0, 0]);
        sim.SetMocap(ids.TargetMocap, hand, Rotation.YawQuat(0));
        sim.SetQpos(ids.FingerLQpos, [MjcfBuilder.FingerOpen]);
        sim.SetQpos(ids.FingerRQpos, [MjcfBuilder.FingerOpen]);
        SetGripper(sim, ids, -1);
        // 2.2.2 has no gravcomp: hold the hand's weight with a constant external force instead.
        sim.SetExternalForce(ids.HandBody, new Vec3(0, 0, ids.HandMass * 9.81));
        sim.Forward();
        sim.Step(Substeps);
        StepCount = 0;
    }

    /// <summary>Applies one (already validated) 7-D action for one control step; false if physics diverged.</summary>
    internal bool Step(ReadOnlySpan<float> action)
    {
        var (sim, ids) = Loaded();
        Span<double> quat = stackalloc double[4];
        sim.BodyPosition(ids.HandBody, quat);
        var ee = sim.SitePosition(ids.GripSite);
        var delta = new Vec3(Clip(action[0]), Clip(action[1]), Clip(action[2])) * SimConventions.MaxTranslationPerStep;
        var target = Clamp(ee + delta);
        double yaw = Rotation.Yaw(quat) + Clip(action[5]) * SimConventions.MaxYawPerStep;
        sim.SetMocap(ids.TargetMocap, target, Rotation.YawQuat(yaw));
        SetGripper(sim, ids, Clip(action[6]));
        StepCount++;
        return sim.Step(Substeps);
    }

    internal float[] Proprio()
    {
        var (sim, ids) = Loaded();
        Span<double> quat = stackalloc double[4];
        sim.BodyPosition(ids.HandBody, quat);
        var ee = sim.SitePosition(ids.GripSite);
        var aa = Rotation.AxisAngle(quat);
        return [(float)ee.X, (float)ee.Y, (float)ee.Z, (float)aa.X, (float)aa.Y, (float)aa.Z,
            (float)sim.Qpos(ids.FingerLQpos), -(float)sim.Qpos(ids.FingerRQpos)];
    }

    internal Vec3 EndEffector() { var (sim, ids) = Loaded(); return sim.SitePosition(ids.GripSite); }

    internal WorldState World()
    {
        var (sim, ids) = Loaded();
        var objects = Task.Scene.Objects.ToDictionary(o => o.Name, o => sim.BodyPosition(ids.ObjectBody[o.Name], default));
        var fixtures = Task.Scene.Fixtures.ToDictionary(f => f.Name, f => sim.BodyPosition(ids.FixtureBody[f.Name], default));
        return new WorldState(objects, fixtures);
    }

    /// <summary>How far each cylinder leans from upright, in degrees (boxes are left out: a box on another face looks
    /// and grasps the same, a cylinder on its side does not).</summary>
    internal IEnumerable<(string Object, double Degrees)> CylinderTilts()
    {
        var (sim, ids) = Loaded();
        var quat = new double[4];
        foreach (var o in Task.Scene.Objects.Where(o => o.Shape == ShapeKind.Cylinder))
        {
            sim.BodyPosition(ids.ObjectBody[o.Name], quat);
            yield return (o.Name, Rotation.TiltDegrees(quat));
        }
    }

    internal bool IsSuccess() => Task.IsSuccess(World());

    /// <summary>Renders both cameras (one round trip to the GL thread).</summary>
    internal SimObservation Observe()
    {
        var (sim, ids) = Loaded();
        var agent = new byte[Height * Width * 3];
        var wrist = new byte[Height * Width * 3];
        nint renderer = _renderer;
        _gl.Invoke(() =>
        {
            Render(renderer, sim, ids.AgentCamera, agent);
            Render(renderer, sim, ids.WristCamera, wrist);
            return 0;
        });
        var images = new Dictionary<string, byte[]> { [SimConventions.AgentView] = agent, [SimConventions.EyeInHand] = wrist };
        return new SimObservation(images, Height, Width, Proprio(), Task.Info.Instruction);
    }

    private unsafe void Render(nint renderer, MjSim sim, int camera, byte[] buffer)
    {
        fixed (byte* p = buffer)
            if (NativeMethods.vla_render(renderer, sim.Handle, camera, Width, Height, p) != 0)
                throw new InvalidOperationException("render failed: " + NativeMethods.LastError());
    }

    // A lying cylinder rests on its radius (its collision prism is a little smaller, so it drops < 1 mm and settles).
    private static void PlaceObject(MjSim sim, int qposAdr, ObjectSpec o, Pose2 pose, double? lyingAxisYaw = null)
    {
        var q = lyingAxisYaw is { } yaw ? Rotation.LyingQuat(yaw) : Rotation.YawQuat(pose.Yaw);
        double z = lyingAxisYaw is null ? o.HalfHeight : o.Hx;
        sim.SetQpos(qposAdr, [pose.X, pose.Y, z + 0.0005, q[0], q[1], q[2], q[3]]);
    }

    // -1 -> fully open, +1 -> closed (position target 0; the object stops the fingers and sets the grip force).
    private static void SetGripper(MjSim sim, SceneIds ids, double command)
    {
        double opening = MjcfBuilder.FingerOpen * (1 - command) / 2;
        sim.SetCtrl(ids.FingerLActuator, opening);
        sim.SetCtrl(ids.FingerRActuator, opening);
    }

    private static double Clip(float v) => Math.Clamp((double)v, -1, 1);

    private static Vec3 Clamp(Vec3 p) => new(
        Math.Clamp(p.X, WorkspaceMin.X, WorkspaceMax.X), Math.Clamp(p.Y, WorkspaceMin.Y, WorkspaceMax.Y),
        Math.Clamp(p.Z, WorkspaceMin.Z, WorkspaceMax.Z));

    private (MjSim, SceneIds) Loaded() =>
        _sim != null && _ids != null ? (_sim, _ids) : throw new InvalidOperationException("call Load(task) first");

    private void FreeModel()
    {
        nint renderer = _renderer;
        if (renderer != 0) _gl.Invoke(() => { NativeMethods.vla_renderer_destroy(renderer); return 0; });
        _renderer = 0;
        _sim?.Dispose();
        _sim = null;
        _ids = null;
    }

    public void Dispose()
    {
        FreeModel();
        _gl.Dispose();
    }
}
