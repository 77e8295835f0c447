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
    private (GraspMeasure Measure, double CloseZ, int Steps)? _grasp;
    private bool _graspDone;

    /// <summary>A cylinder leaning this far from upright outside every fixture has tipped over: no demonstration shows one
    /// lying on the table, so a policy that knocks one over is out of its data from then on. (Lying in the basket it was
    /// dropped into is the demonstrations' ending, not a tip.)</summary>
    internal const double TippedDegrees = 60;

    private readonly SortedSet<string> _tipped = new(StringComparer.Ordinal);

    private int? _firstTipStage;

    /// <summary>Cylinders that tipped over outside the fixtures at some step, by name.</summary>
    internal IReadOnlyList<string> Tipped => [.. _tipped];

    /// <summary>The goal (1-based) the episode was working on when the first cylinder tipped; null if none did.</summary>
    internal int? FirstTipGoal => _firstTipStage + 1;

    /// <summary>After each control step: how far each cylinder leans (<see cref="Engine.SimEnv.CylinderTilts"/>) in the
    /// state <paramref name="world"/>.</summary>
    internal void Tilts(IEnumerable<(string Object, double Degrees)> tilts, WorldState world)
    {
        foreach (var (name, degrees) in tilts)
            if (degrees > TippedDegrees && !FixturesHolding(name, world).Any() && _tipped.Add(name)) _firstTipStage ??= _stage;
    }

    /// <summary>A grip point this far above where it closed means the arm is lifting.</summary>
    internal const double LiftStart = 0.01;

    /// <summary>Every goal met in the state of the last <see cref="Step"/> (the episode's success test).</summary>
    internal bool AllGoalsMet => _stage == _task.Goals.Count;

    /// <summary>The first grasp aimed at the first goal's object (null if there was none).</summary>
    internal GraspMeasure? FirstGrasp => _grasp?.Measure;

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
            var aimed = Nearest(gripPoint, world);
            if (!_firstAim.ContainsKey(_stage) && aimed is not null) _firstAim[_stage] = aimed;
            if (_grasp is null && _stage == 0 && aimed == _task.Goals[0].Object) _grasp = (Measure(gripPoint, world.Objects[aimed]), gripPoint.Z, 0);
        }
        else if (_grasp is { } g && !_graspDone)
        {
            // Count the steps the gripper stays closed until the arm rises; opening first ends the count without a lift.
            _graspDone = !closing || gripPoint.Z - g.CloseZ > LiftStart;
            _grasp = g with { Steps = g.Steps + 1, Measure = closing && _graspDone ? g.Measure with { StepsBeforeLift = g.Steps + 1 } : g.Measure };
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
        {
            bool elsewhere = FixturesHolding(goal.Object, final).Any(f => f != goal.Fixture);
            return (elsewhere ? EpisodeOutcome.WrongPlace : EpisodeOutcome.NotPlaced, done);
        }
        bool otherLifted = _lifted.Any(l => l.Stage == stage && l.Object != goal.Object);
        bool aimed = _firstAim.TryGetValue(stage, out var aimedAt);
        if (otherLifted || (aimed && aimedAt != goal.Object)) return (EpisodeOutcome.WrongObject, done);
        if (aimed) return (EpisodeOutcome.MissedGrasp, done);
        return (_closedAt.Contains(stage) ? EpisodeOutcome.ClosedInAir : EpisodeOutcome.NoGrasp, done);
    }

    private static GraspMeasure Measure(Vec3 gripPoint, Vec3 objectCentre) =>
        new(1000 * gripPoint.HorizontalDistance(objectCentre), 1000 * Math.Abs(gripPoint.Y - objectCentre.Y),
            1000 * (gripPoint.Z - objectCentre.Z), null);

    private int Stage(WorldState world) => OtherInstruction.GoalsInOrder(_task, world);

    private string? Nearest(Vec3 gripPoint, WorldState world) => world.Objects
        .Select(kv => (kv.Key, Distance: (kv.Value - gripPoint).Length))
        .Where(o => o.Distance < ReachRadius)
        .OrderBy(o => o.Distance)
        .Select(o => o.Key)
        .FirstOrDefault();

    /// <summary>The fixtures an object rests on or in, by name (the wrong-place judgement and the tipped test share it).</summary>
    private IEnumerable<string> FixturesHolding(string name, WorldState world) => _task.Scene.Fixtures
        .Where(f => SuccessDetector.IsPlaced(_task.Scene.Object(name), world.Objects[name], f, world.Fixtures[f.Name]))
        .Select(f => f.Name);
}
