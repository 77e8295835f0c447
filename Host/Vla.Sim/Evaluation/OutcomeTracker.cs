using Vla.Sim.Scene;
using Vla.Sim.Tasks;

namespace Vla.Sim.Evaluation;

/// <summary>
/// Watches an episode step by step (gripper command, end-effector and object positions) and, at the end, names its
/// <see cref="EpisodeOutcome"/>. Events are tagged with the stage (how many of the task's goals were met, in order, at
/// that moment), so a long task's failure is judged on the goal it was working on.
/// </summary>
internal sealed class OutcomeTracker
{
    /// <summary>An object this far above where it started is in the air (a push or a tip moves it far less).</summary>
    internal const double LiftHeight = 0.03;

    /// <summary>A grasp counts as aimed at an object when the grip point is this close to its centre as the gripper closes
    /// (farther from every object it closed in the air).</summary>
    internal const double ReachRadius = 0.06;

    private readonly SimTask _task;
    private readonly Dictionary<string, double> _startZ;
    private readonly HashSet<(int Stage, string Object)> _lifted = [];
    private readonly Dictionary<int, string> _firstAim = [];
    private readonly HashSet<int> _closedAt = [];
    private bool _closed;
    private int _stage;

    internal OutcomeTracker(SimTask task, WorldState start)
    {
        _task = task;
        _startZ = start.Objects.ToDictionary(kv => kv.Key, kv => kv.Value.Z);
        _stage = Stage(start);
    }

    /// <summary>After each control step: the gripper command just applied, the grip point and the new state.</summary>
    internal void Step(float gripper, Vec3 gripPoint, WorldState world)
    {
        bool closing = gripper > 0;
        if (closing && !_closed)
        {
            _closedAt.Add(_stage);
            if (!_firstAim.ContainsKey(_stage) && Nearest(gripPoint, world) is { } aimed) _firstAim[_stage] = aimed;
        }
        _closed = closing;
        foreach (var (name, pos) in world.Objects)
            if (pos.Z - _startZ[name] > LiftHeight) _lifted.Add((_stage, name));
        _stage = Stage(world);
    }

    /// <summary>The outcome for a final state; stopped is true when the episode ended early (not at the step limit).</summary>
    internal (EpisodeOutcome Outcome, int GoalsDone) Judge(WorldState final, bool stopped)
    {
        int done = _task.Goals.Count(g => SuccessDetector.IsSatisfied(g, _task.Scene, final));
        if (done == _task.Goals.Count) return (EpisodeOutcome.Success, done);
        if (stopped) return (EpisodeOutcome.Stopped, done);
        int stage = Stage(final);
        var goal = _task.Goals[stage];
        if (_lifted.Contains((stage, goal.Object)))
            return (RestsInOtherFixture(goal, final) ? EpisodeOutcome.WrongPlace : EpisodeOutcome.NotPlaced, done);
        bool otherLifted = _lifted.Any(l => l.Stage == stage && l.Object != goal.Object);
        bool aimed = _firstAim.TryGetValue(stage, out var aimedAt);
        if (otherLifted || (aimed && aimedAt != goal.Object)) return (EpisodeOutcome.WrongObject, done);
        if (aimed) return (EpisodeOutcome.MissedGrasp, done);
        return (_closedAt.Contains(stage) ? EpisodeOutcome.ClosedInAir : EpisodeOutcome.NoGrasp, done);
    }

    // Goals met in execution order, up to the first unmet one.
    private int Stage(WorldState world)
    {
        int i = 0;
        while (i < _task.Goals.Count && SuccessDetector.IsSatisfied(_task.Goals[i], _task.Scene, world)) i++;
        return i;
    }

    private string? Nearest(Vec3 gripPoint, WorldState world) => world.Objects
        .Select(kv => (kv.Key, Distance: (kv.Value - gripPoint).Length))
        .Where(o => o.Distance < ReachRadius)
        .OrderBy(o => o.Distance)
        .Select(o => o.Key)
        .FirstOrDefault();

    private bool RestsInOtherFixture(PlaceGoal goal, WorldState final) => _task.Scene.Fixtures
        .Where(f => f.Name != goal.Fixture)
        .Any(f => SuccessDetector.IsPlaced(_task.Scene.Object(goal.Object), final.Objects[goal.Object], f, final.Fixtures[f.Name]));
}
