using Vla.Sim.Scene;

namespace Vla.Sim.Tasks;

/// <summary>
/// "goal": one fixed scene (three objects in a row, plate left, basket right, +-1 cm noise); the tasks differ
/// only in the instruction (which object, which fixture).
/// </summary>
internal static class GoalSuite
{
    internal const string Name = "goal";

    private static readonly SceneSpec Scene = new(
        [Palette.RedCube(), Palette.BlueCylinder(), Palette.GreenCube()],
        [FixtureSpec.Plate(), FixtureSpec.Basket()]);

    private static readonly Dictionary<string, (double X, double Y)> Nominal = new()
    {
        ["red_cube"] = (-0.13, -0.07),
        ["blue_cylinder"] = (0.0, -0.05),
        ["green_cube"] = (0.13, -0.07),
        ["plate"] = (-0.14, 0.11),
        ["basket"] = (0.13, 0.11),
    };

    internal static IReadOnlyList<SimTask> Tasks()
    {
        var tasks = new List<SimTask>();
        foreach (var obj in Scene.Objects)
            foreach (var fixture in Scene.Fixtures.Where(f => f.Kind != FixtureKind.Bowl))
            {
                string where = fixture.Kind == FixtureKind.Plate ? "on the plate" : "in the basket";
                var info = new SimTaskInfo(Name, $"put_{obj.Name}_{fixture.Name}", $"put the {obj.Label} {where}", 220);
                tasks.Add(new SimTask(info, Scene, [new PlaceGoal(obj.Name, fixture.Name)], Layout));
            }
        return tasks;
    }

    private static Placement Layout(Random rng) => PlacementSampler.AroundNominal(rng, Scene, Nominal);
}
