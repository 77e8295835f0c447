using Vla.Abstractions;

namespace Vla.Core.Data;

/// <summary>
/// The state of one synthetic episode: three coloured shapes, a target named by the instruction, and a gripper
/// at (x, y, z). Actions move it ((dx, dy) up to 0.1 per step, dz down to the table) and close it; success is a
/// closed gripper resting on the target. Used by the expert to make demonstrations and by closed-loop evaluation.
/// </summary>
public sealed class SyntheticWorld
{
    internal const float MaxMove = 0.1f, Descend = 0.25f, GraspTolerance = 0.03f;
    internal const float Radius = 0.08f;

    internal static readonly (string Name, byte R, byte G, byte B)[] Colours =
        [("red", 220, 40, 40), ("green", 40, 170, 60), ("blue", 40, 80, 220), ("yellow", 230, 200, 30)];

    internal static readonly string[] Shapes = ["block", "ball"];

    internal sealed record Item(float X, float Y, int Colour, int Shape);

    private readonly List<Item> _items;
    private Item _target;

    /// <param name="sceneSeed">when set, the objects' layout and the gripper's start come from it rather than from
    /// <paramref name="seed"/>: every world with the same scene seed starts from the same image (LIBERO-goal style), so
    /// only the instruction tells the target apart</param>
    public SyntheticWorld(int seed, int? sceneSeed = null)
    {
        var rng = new Random(seed);
        var scene = sceneSeed is { } s ? new Random(s) : rng;
        _items = PlaceItems(scene);
        _target = _items[rng.Next(_items.Count)];
        Instruction = InstructionFor(_target);
        (X, Y, Z) = (0.1f + 0.8f * scene.NextSingle(), 0.1f + 0.8f * scene.NextSingle(), 1f);
    }

    public string Instruction { get; private set; }

    /// <summary>The same table and gripper with another object as the target (tests compare the experts' actions).</summary>
    internal SyntheticWorld Retarget(int item)
    {
        var copy = (SyntheticWorld)MemberwiseClone();
        copy._target = _items[item];
        copy.Instruction = InstructionFor(copy._target);
        return copy;
    }

    /// <summary>The instructions naming each object on this table.</summary>
    public IReadOnlyList<string> Instructions => _items.Select(InstructionFor).ToList();

    private static string InstructionFor(Item item) => $"pick up the {Colours[item.Colour].Name} {Shapes[item.Shape]}";
    public float X { get; private set; }
    public float Y { get; private set; }
    public float Z { get; private set; }
    public bool Closed { get; private set; }

    /// <summary>Closed on the table over the target.</summary>
    public bool Success => Closed && Z <= 0 && Over;

    private bool Over => MathF.Abs(_target.X - X) < GraspTolerance && MathF.Abs(_target.Y - Y) < GraspTolerance;

    public float[] Proprio => [X, Y, Z, 0, 0, 0, Closed ? 0f : 0.04f, Closed ? 0f : -0.04f];

    /// <summary>The target relative to the gripper, twice: the task has no placement, so the target is also its place
    /// (<see cref="Episode.GoalOffsets"/>).</summary>
    public float[] GoalOffsets => [_target.X - X, _target.Y - Y, -Z, _target.X - X, _target.Y - Y, -Z];

    /// <summary>The target in the agentview image, twice (<see cref="Episode.GoalPixels"/>): that camera shows the unit
    /// table whole, so (u, v) is the target's (x, y).</summary>
    public float[] GoalPixels => [_target.X, _target.Y, _target.X, _target.Y];

    public Observation Observe(int size) => new(
    [
        new CameraImage("agentview", size, size, SyntheticRenderer.Render(_items, X, Y, 0.5f, 0.5f, 0.5f, size, true)),
        new CameraImage("eye_in_hand", size, size, SyntheticRenderer.Render(_items, X, Y, X, Y, 0.2f, size, false)),
    ], Instruction, Proprio);

    /// <summary>The scripted expert's action: move over the target, descend, close.</summary>
    public float[] ExpertAction()
    {
        float dx = Math.Clamp(_target.X - X, -MaxMove, MaxMove), dy = Math.Clamp(_target.Y - Y, -MaxMove, MaxMove);
        var dz = Over && Z > 0 ? -1f : 0f;
        var close = Closed || (Over && Z <= 0);
        return [dx / MaxMove, dy / MaxMove, dz, 0, 0, 0, close ? 1f : -1f];
    }

    /// <summary>Applies a 7-D action (clipped to [-1, 1]); the gripper only closes when resting on the table.</summary>
    public void Apply(ReadOnlySpan<float> action)
    {
        X = Math.Clamp(X + Math.Clamp(action[0], -1, 1) * MaxMove, 0, 1);
        Y = Math.Clamp(Y + Math.Clamp(action[1], -1, 1) * MaxMove, 0, 1);
        var closeNow = action[6] > 0 && Z <= 0;
        Z = Math.Clamp(Z + Math.Min(0, Math.Clamp(action[2], -1, 1)) * Descend, 0, 1);
        Closed |= closeNow;
    }

    private static List<Item> PlaceItems(Random rng)
    {
        var colours = Enumerable.Range(0, Colours.Length).OrderBy(_ => rng.Next()).Take(3).ToArray();
        var items = new List<Item>();
        while (items.Count < 3)
        {
            float x = 0.15f + 0.7f * rng.NextSingle(), y = 0.15f + 0.7f * rng.NextSingle();
            if (items.All(i => MathF.Abs(i.X - x) + MathF.Abs(i.Y - y) > 3 * Radius))
                items.Add(new Item(x, y, colours[items.Count], rng.Next(Shapes.Length)));
        }
        return items;
    }
}
