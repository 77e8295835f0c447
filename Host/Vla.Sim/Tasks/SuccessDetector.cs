using Vla.Sim.Scene;

namespace Vla.Sim.Tasks;

/// <summary>
/// Success predicates: pure functions of object and fixture positions, so they can be unit-tested on
/// hand-placed states. An object counts as placed when its centre is inside the fixture's accept region
/// and it rests on the fixture surface (not held above it, not lying on a basket wall).
/// </summary>
internal static class SuccessDetector
{
    /// <summary>Slack above the resting height (metres) that still counts as resting.</summary>
    internal const double RestTolerance = 0.008;

    internal static bool IsPlaced(ObjectSpec obj, Vec3 objPos, FixtureSpec fixture, Vec3 fixturePos)
    {
        double height = objPos.Z - (fixturePos.Z + fixture.SurfaceTop);
        // Lower bound: an object resting on the table beside a flat plate sits lower than its smallest half
        // extent above the plate surface (a tipped cylinder rests on its radius, so use the smallest extent).
        bool resting = height > obj.MinHalfExtent - 0.005 && height < obj.HalfHeight + RestTolerance;
        double dx = Math.Abs(objPos.X - fixturePos.X), dy = Math.Abs(objPos.Y - fixturePos.Y);
        bool inside = fixture.Kind == FixtureKind.Basket
            ? dx < fixture.AcceptRadius && dy < fixture.AcceptRadius
            : Math.Sqrt(dx * dx + dy * dy) < fixture.AcceptRadius;
        return resting && inside;
    }

    internal static bool IsSatisfied(PlaceGoal goal, SceneSpec scene, WorldState state) =>
        IsPlaced(scene.Object(goal.Object), state.Objects[goal.Object], scene.Fixture(goal.Fixture), state.Fixtures[goal.Fixture]);

    /// <summary>All goals hold at the same time (long tasks: both stages done and still in place).</summary>
    internal static bool AllSatisfied(IReadOnlyList<PlaceGoal> goals, SceneSpec scene, WorldState state) =>
        goals.All(g => IsSatisfied(g, scene, state));
}
