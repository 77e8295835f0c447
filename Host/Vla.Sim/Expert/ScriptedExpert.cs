using Vla.Sim.Engine;
using Vla.Sim.Scene;
using Vla.Sim.Tasks;

namespace Vla.Sim.Expert;

/// <summary>
/// Waypoint expert with privileged state: above object, descend, close, lift, carry above target, lower,
/// open, retreat (then the next goal for long tasks). Seeded noise on heights, gains, waypoints and
/// actions makes demonstrations vary; a failed lift or a drop during carrying re-plans from the approach.
/// A retry demonstration (missGoal set) misses that goal's first grasp on purpose, closing the fingers beside the
/// object, so the recording shows what a policy never sees in clean demonstrations: an empty gripper after a lift,
/// and going back for the object.
/// </summary>
internal sealed class ScriptedExpert
{
    private enum Phase { Above, Descend, Close, Lift, Carry, Lower, Open, Retreat, Done }

    private const double GraspZ = 0.03;     // grip point height: fingertips ~2 mm above the table
    private const double DropClearance = 0.015;

    // A deliberate miss closes this far beside the object's centre, across the fingers' travel: the pads (1.2 cm
    // half-width) clear a 2 cm half-size object by >= 1 cm.
    private const double MissOffset = 0.042;

    private readonly SimTask _task;
    private readonly Random _rng;
    private readonly double _safeZ, _gain, _noise;
    private readonly int _closeSteps, _openSteps;
    private Phase _phase = Phase.Above;
    private int _goal, _phaseSteps, _retries;
    private double _offX, _offY;
    private readonly int _missGoal;
    private double? _missY;

    /// <param name="missGoal">index of the goal whose first grasp misses on purpose (a retry demonstration); -1: none</param>
    internal ScriptedExpert(SimTask task, int seed, int missGoal = -1)
    {
        _task = task;
        _missGoal = missGoal;
        _rng = new Random(unchecked(seed * 7919 + 17));
        _safeZ = Uniform(0.13, 0.16);
        _gain = Uniform(0.8, 1.1);
        _noise = Uniform(0.0, 0.04);
        _closeSteps = _rng.Next(7, 10);
        _openSteps = _rng.Next(4, 7);
        NewWaypointNoise();
    }

    internal bool Finished => _phase == Phase.Done;

    internal float[] Act(SimEnv env)
    {
        var ee = env.EndEffector();
        var world = env.World();
        _phaseSteps++;
        var (target, grip, speed) = Plan(ee, world);
        var action = new float[SimConventions.ActionDim];
        var err = target - ee;
        double[] e = [err.X, err.Y, err.Z];
        for (int i = 0; i < 3; i++)
            action[i] = (float)Math.Clamp(_gain * e[i] / SimConventions.MaxTranslationPerStep + Gaussian() * _noise, -speed, speed);
        action[6] = (float)grip;
        return action;
    }

    /// <summary>
    /// Where the goal being pursued is, relative to the gripper (metres): its object's centre, then the placement point
    /// above its fixture - what a policy must find in the images. Recorded as `obs/goal_offsets` for the auxiliary
    /// localisation loss; the expert's own noise (waypoint offsets, deliberate misses) is left out.
    /// </summary>
    internal float[] GoalOffsets(SimEnv env)
    {
        var ee = env.EndEffector();
        var world = env.World();
        var goal = CurrentGoal;
        var obj = world.Objects[goal.Object];
        var fixture = world.Fixtures[goal.Fixture];
        var place = new Vec3(fixture.X, fixture.Y + goal.SlotY, fixture.Z + _task.Scene.Fixture(goal.Fixture).SurfaceTop);
        return [(float)(obj.X - ee.X), (float)(obj.Y - ee.Y), (float)(obj.Z - ee.Z),
                (float)(place.X - ee.X), (float)(place.Y - ee.Y), (float)(place.Z - ee.Z)];
    }

    // The goal being pursued; past the last one (Done) the last goal stays current.
    private PlaceGoal CurrentGoal => _task.Goals[Math.Min(_goal, _task.Goals.Count - 1)];

    private (Vec3 Target, double Grip, double Speed) Plan(Vec3 ee, WorldState world)
    {
        var goal = CurrentGoal;
        var obj = world.Objects[goal.Object];
        var fixture = world.Fixtures[goal.Fixture];
        var objSpec = _task.Scene.Object(goal.Object);
        var fixSpec = _task.Scene.Fixture(goal.Fixture);
        double miss = _goal == _missGoal && _retries == 0 ? _missY ??= MissSide(goal.Object, world) : 0;
        var pick = new Vec3(obj.X + _offX, obj.Y + _offY + miss, Math.Max(obj.Z, GraspZ));
        var drop = new Vec3(fixture.X + _offX, fixture.Y + goal.SlotY + _offY, _safeZ);
        switch (_phase)
        {
            case Phase.Above:
                if (Near(ee, pick.WithZ(_safeZ), 0.008, 0.03)) Next(Phase.Descend);
                return (pick.WithZ(_safeZ), -1, 1);
            case Phase.Descend:
                if (Near(ee, pick, 0.006, 0.006) || _phaseSteps > 40) Next(Phase.Close);
                return (pick, -1, 0.6);
            case Phase.Close:
                if (_phaseSteps >= _closeSteps) Next(Phase.Lift);
                return (pick, 1, 0.3);
            case Phase.Lift:
                if (ee.Z > _safeZ - 0.02) Next(obj.Z > 0.06 ? Phase.Carry : Phase.Above);
                return (ee.WithZ(_safeZ), 1, 1);
            case Phase.Carry:
                if (obj.Z < 0.04) Next(Phase.Above);
                else if (Near(ee, drop, 0.008, 0.03)) Next(Phase.Lower);
                return (drop, 1, 1);
            case Phase.Lower:
                // Bring the object's bottom to DropClearance above the surface, whatever the grasp offset.
                double wantObjZ = fixture.Z + fixSpec.SurfaceTop + objSpec.HalfHeight + DropClearance;
                var lower = drop.WithZ(ee.Z + (wantObjZ - obj.Z));
                if (Math.Abs(obj.Z - wantObjZ) < 0.006 || _phaseSteps > 40) Next(Phase.Open);
                return (lower, 1, 0.6);
            case Phase.Open:
                if (_phaseSteps >= _openSteps) Next(Phase.Retreat);
                return (ee, -1, 0.3);
            case Phase.Retreat:
                if (ee.Z > _safeZ - 0.03) NextGoal();
                return (ee.WithZ(_safeZ), -1, 1);
            default:
                return (ee, -1, 0);
        }
    }

    private void NextGoal()
    {
        _goal++;
        Next(_goal < _task.Goals.Count ? Phase.Above : Phase.Done);
        _retries = 0;
    }

    private void Next(Phase phase)
    {
        if (phase == Phase.Above) _retries++;
        _phase = phase;
        _phaseSteps = 0;
        if (phase is Phase.Above or Phase.Carry) NewWaypointNoise();
    }

    private void NewWaypointNoise()
    {
        _offX = Uniform(-0.003, 0.003);
        _offY = Uniform(-0.003, 0.003);
    }

    // The miss goes to the side (+-y, across the fingers' travel along x) farther from every other object and fixture centre.
    private static double MissSide(string target, WorldState world)
    {
        var at = world.Objects[target];
        double Clearance(double dy) => world.Objects.Where(o => o.Key != target).Concat(world.Fixtures)
            .Select(o => new Vec3(at.X, at.Y + dy, 0).HorizontalDistance(o.Value)).DefaultIfEmpty(double.MaxValue).Min();
        return Clearance(MissOffset) >= Clearance(-MissOffset) ? MissOffset : -MissOffset;
    }

    private static bool Near(Vec3 a, Vec3 b, double xy, double z) => a.HorizontalDistance(b) < xy && Math.Abs(a.Z - b.Z) < z;

    private double Uniform(double lo, double hi) => lo + (hi - lo) * _rng.NextDouble();

    private double Gaussian() => Normal.Sample(_rng);
}
