using Vla.Sim.Scene;

namespace Vla.Sim.Tasks.Pretrain;

/// <summary>
/// Initial-state samplers of the pretraining family: uniform scatter (object suite style), a fixed-per-task row
/// arrangement with small per-episode noise (goal suite style), and a landmark relation (spatial suite style).
/// </summary>
internal static class PretrainLayouts
{
    internal static Func<Random, Placement> Uniform(SceneSpec scene) => rng => ObjectSuite.Layout(rng, scene);

    /// <summary>Objects in a front row, fixtures in a back row; the order is drawn once per task, then +-1 cm per episode.</summary>
    internal static Func<Random, Placement> Rows(SceneSpec scene, Random taskRng)
    {
        var nominal = new Dictionary<string, (double X, double Y)>();
        Row(scene.Objects.Select(o => o.Name).OrderBy(_ => taskRng.Next()).ToList(), -0.07, 0.12, nominal);
        Row(scene.Fixtures.Select(f => f.Name).OrderBy(_ => taskRng.Next()).ToList(), 0.11, 0.27, nominal);
        return rng => PlacementSampler.AroundNominal(rng, scene, nominal);
    }

    // Centred row with the given spacing (fixtures: one alone sits anywhere near the middle).
    private static void Row(IReadOnlyList<string> names, double y, double spacing, Dictionary<string, (double, double)> into)
    {
        double start = -spacing * (names.Count - 1) / 2;
        for (int i = 0; i < names.Count; i++) into[names[i]] = (start + i * spacing, y);
    }

    /// <summary>
    /// The target on the named side of the landmark, its twin on the opposite side, everything else uniform.
    /// (dx, dy) is the side as seen from the agentview camera (front = -y).
    /// </summary>
    internal static Func<Random, Placement> Relation(SceneSpec scene, string target, string twin, string landmark, double dx, double dy) =>
        rng => PlacementSampler.Sample(rng, s =>
        {
            var mark = scene.Fixture(landmark);
            double lx = s.Uniform(-0.12, 0.12), ly = s.Uniform(-0.06, 0.1);
            if (!s.Fits(lx, ly, mark.FootprintRadius)) return false;
            s.Put(landmark, lx, ly, mark.FootprintRadius);
            double near = mark.FootprintRadius + 0.07;
            if (!PutBeside(s, scene.Object(target), lx + dx * s.Uniform(near, near + 0.02), ly + dy * s.Uniform(near, near + 0.02), dx, dy)) return false;
            if (!PutBeside(s, scene.Object(twin), lx - dx * s.Uniform(near, near + 0.02), ly - dy * s.Uniform(near, near + 0.02), dx, dy)) return false;
            return scene.Fixtures.Where(f => f.Name != landmark).All(f => s.TryPlaceUniform(f.Name, f.FootprintRadius))
                && scene.Objects.Where(o => o.Name != target && o.Name != twin)
                    .All(o => s.TryPlaceUniform(o.Name, o.FootprintRadius, Palette.YawRange(o)));
        });

    // A small sideways jitter (across the relation's axis) so the pair is not always exactly aligned with the landmark.
    private static bool PutBeside(PlacementSampler s, ObjectSpec o, double x, double y, double dx, double dy)
    {
        double side = s.Uniform(-0.015, 0.015);
        x += dy * side;
        y += dx * side;
        if (x < PlacementSampler.XMin || x > PlacementSampler.XMax || y < PlacementSampler.YMin || y > PlacementSampler.YMax) return false;
        s.Put(o.Name, x, y, o.FootprintRadius, s.Uniform(-Palette.YawRange(o), Palette.YawRange(o)));
        return true;
    }
}
