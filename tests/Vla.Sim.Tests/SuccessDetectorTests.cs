using Vla.Sim.Scene;
using Vla.Sim.Tasks;

namespace Vla.Sim.Tests;

public class SuccessDetectorTests
{
    private static readonly ObjectSpec Cube = ObjectSpec.Cube("c", "cube", "1 0 0 1");
    private static readonly ObjectSpec Cylinder = ObjectSpec.Cylinder("y", "cylinder", "1 1 0 1");
    private static readonly FixtureSpec Plate = FixtureSpec.Plate();
    private static readonly FixtureSpec Basket = FixtureSpec.Basket();
    private static readonly Vec3 At = new(0.1, 0.05, 0);

    [Theory]
    [InlineData(0.0, 0.0, 0.028, true)]     // resting in the middle of the plate (top 0.008 + half 0.02)
    [InlineData(0.04, -0.02, 0.028, true)]  // off-centre but on the plate
    [InlineData(0.0, 0.0, 0.06, false)]     // held above the plate
    [InlineData(0.09, 0.0, 0.02, false)]    // on the table beside the plate
    [InlineData(0.0, 0.0, 0.019, false)]    // centre below the plate surface
    public void Cube_on_plate(double dx, double dy, double z, bool expected) =>
        SuccessDetector.IsPlaced(Cube, new Vec3(At.X + dx, At.Y + dy, z), Plate, At).Should().Be(expected);

    [Theory]
    [InlineData(0.0, 0.0, 0.026, true)]     // on the basket floor (0.006 + 0.02)
    [InlineData(0.05, 0.05, 0.026, true)]   // in a corner
    [InlineData(0.0, 0.0, 0.07, false)]     // above the basket
    [InlineData(0.085, 0.0, 0.065, false)]  // lying on a wall
    [InlineData(0.15, 0.0, 0.02, false)]    // on the table outside
    public void Cube_in_basket(double dx, double dy, double z, bool expected) =>
        SuccessDetector.IsPlaced(Cube, new Vec3(At.X + dx, At.Y + dy, z), Basket, At).Should().Be(expected);

    [Fact]
    public void Tipped_cylinder_still_counts_as_placed()
    {
        // Lying on its side the centre is one radius (0.02) above the floor.
        SuccessDetector.IsPlaced(Cylinder, new Vec3(At.X, At.Y, 0.006 + 0.02), Basket, At).Should().BeTrue();
    }

    [Fact]
    public void Long_tasks_need_both_goals_at_once()
    {
        var scene = new SceneSpec([Cube, Cylinder], [Plate, Basket]);
        PlaceGoal[] goals = [new("c", "basket"), new("y", "plate")];
        var fixtures = new Dictionary<string, Vec3> { ["plate"] = new(-0.1, 0, 0), ["basket"] = new(0.1, 0, 0) };
        var inBasket = new Vec3(0.1, 0, 0.026);
        var onPlate = new Vec3(-0.1, 0, 0.008 + 0.025);
        var onTable = new Vec3(0, -0.1, 0.025);
        SuccessDetector.AllSatisfied(goals, scene, new WorldState(new Dictionary<string, Vec3> { ["c"] = inBasket, ["y"] = onTable }, fixtures)).Should().BeFalse();
        SuccessDetector.AllSatisfied(goals, scene, new WorldState(new Dictionary<string, Vec3> { ["c"] = inBasket, ["y"] = onPlate }, fixtures)).Should().BeTrue();
    }

    [Fact]
    public void Initial_states_are_not_already_successful()
    {
        foreach (var suite in SimCatalog.Suites)
            foreach (var task in SimCatalog.SuiteTasks(suite))
            {
                var p = task.InitialState(0);
                var objects = task.Scene.Objects.ToDictionary(o => o.Name, o => new Vec3(p.Poses[o.Name].X, p.Poses[o.Name].Y, o.HalfHeight));
                var fixtures = task.Scene.Fixtures.ToDictionary(f => f.Name, f => new Vec3(p.Poses[f.Name].X, p.Poses[f.Name].Y, 0));
                task.IsSuccess(new WorldState(objects, fixtures)).Should().BeFalse(task.Info.Name);
            }
    }
}
