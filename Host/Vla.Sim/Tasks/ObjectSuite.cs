using Vla.Sim.Scene;

namespace Vla.Sim.Tasks;

/// <summary>
/// "object": four distinct objects (the named one plus three others, a different set per task) at random
/// spots with a basket; the instruction names the object to put in the basket.
/// </summary>
internal static class ObjectSuite
{
    internal const string Name = "object";

    internal static IReadOnlyList<SimTask> Tasks()
    {
        var pool = Palette.All();
        var tasks = new List<SimTask>();
        for (int i = 0; i < pool.Count; i++)
        {
            var target = pool[i];
            // Offsets 0, 1, 2, 4 give four distinct objects and a different companion set per task.
            var objects = new[] { 0, 1, 2, 4 }.Select(k => pool[(i + k) % pool.Count]).ToList();
            var scene = new SceneSpec(objects, [FixtureSpec.Basket()]);
            var info = new SimTaskInfo(Name, $"pick_{target.Name}_basket", $"pick up the {target.Label} and place it in the basket", 220);
            tasks.Add(new SimTask(info, scene, [new PlaceGoal(target.Name, "basket")], rng => Layout(rng, scene)));
        }
        return tasks;
    }

    internal static Placement Layout(Random rng, SceneSpec scene) => PlacementSampler.Sample(rng, s =>
        scene.Fixtures.All(f => s.TryPlaceUniform(f.Name, f.FootprintRadius))
        && scene.Objects.All(o => s.TryPlaceUniform(o.Name, o.FootprintRadius, Palette.YawRange(o))));
}
