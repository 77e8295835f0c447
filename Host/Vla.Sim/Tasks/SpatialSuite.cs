using Vla.Sim.Scene;

namespace Vla.Sim.Tasks;

/// <summary>
/// "spatial": two identical red cubes on either side of a bowl; only the instruction's spatial relation
/// ("left of the bowl") says which cube to move, and the destination says where.
/// Left/right/front/behind are as seen from the agentview camera (front = towards the camera, -y).
/// </summary>
internal static class SpatialSuite
{
    internal const string Name = "spatial";

    private static readonly (string Key, string Phrase, double Dx, double Dy)[] Relations =
    [
        ("left", "left of the bowl", -1, 0),
        ("right", "right of the bowl", 1, 0),
        ("front", "in front of the bowl", 0, -1),
        ("behind", "behind the bowl", 0, 1),
    ];

    internal static IReadOnlyList<SimTask> Tasks()
    {
        var scene = new SceneSpec(
            [Palette.RedCube("cube_a"), Palette.RedCube("cube_b")],
            [FixtureSpec.Bowl(), FixtureSpec.Plate(), FixtureSpec.Basket()]);
        var tasks = new List<SimTask>();
        foreach (string dest in new[] { "plate", "basket" })
            foreach (var rel in Relations)
            {
                string where = dest == "plate" ? "on the plate" : "in the basket";
                var info = new SimTaskInfo(Name, $"pick_{rel.Key}_cube_{dest}",
                    $"pick up the red cube {rel.Phrase} and place it {where}", 220);
                var r = rel;
                tasks.Add(new SimTask(info, scene, [new PlaceGoal("cube_a", dest)], rng => Layout(rng, r.Dx, r.Dy)));
            }
        return tasks;
    }

    // cube_a (the one to move) sits on the named side of the bowl, cube_b on the opposite side.
    private static Placement Layout(Random rng, double dx, double dy) => PlacementSampler.Sample(rng, s =>
    {
        double bx = s.Uniform(-0.12, 0.12), by = s.Uniform(-0.06, 0.1);
        double d = s.Uniform(0.115, 0.135), side = s.Uniform(-0.015, 0.015);
        double ax = bx + dx * d + dy * side, ay = by + dy * d + dx * side;
        double e = s.Uniform(0.115, 0.135);
        double cx = bx - dx * e + dy * side, cy = by - dy * e + dx * side;
        if (!s.Fits(bx, by, FixtureSpec.BowlRadius)) return false;
        s.Put("bowl", bx, by, FixtureSpec.BowlRadius);
        if (!InBounds(ax, ay) || !InBounds(cx, cy)) return false;
        s.Put("cube_a", ax, ay, 0.0, s.Uniform(-Palette.BoxYawRange, Palette.BoxYawRange));
        s.Put("cube_b", cx, cy, 0.0, s.Uniform(-Palette.BoxYawRange, Palette.BoxYawRange));
        // The cubes hug the bowl, so reserve their discs only now (radius 0 above skipped the bowl check).
        return s.TryPlaceUniform("plate", FixtureSpec.PlateRadius + 0.03)
            && s.TryPlaceUniform("basket", FixtureSpec.BasketHalf * 1.3 + 0.03);
    });

    private static bool InBounds(double x, double y) =>
        x >= PlacementSampler.XMin && x <= PlacementSampler.XMax && y >= PlacementSampler.YMin && y <= PlacementSampler.YMax;
}
