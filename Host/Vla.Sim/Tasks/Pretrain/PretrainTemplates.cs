using Vla.Sim.Scene;

namespace Vla.Sim.Tasks.Pretrain;

/// <summary>
/// Draws one random task of the pretraining family: a single placement (60%), a placement named by a spatial
/// relation to a landmark (20%) or two placements in order (20%), each with several phrasings, distractor objects
/// and fixtures, and a layout style. The held-out check happens in <see cref="PretrainFamily"/>.
/// </summary>
internal static class PretrainTemplates
{
    private static readonly string[] PlateSingle =
        ["put the {0} on the plate", "place the {0} on the plate", "move the {0} onto the plate", "set the {0} on the plate",
         "pick up the {0} and place it on the plate", "pick up the {0} and put it on the plate"];

    private static readonly string[] BasketSingle =
        ["put the {0} in the basket", "place the {0} in the basket", "move the {0} into the basket", "drop the {0} into the basket",
         "pick up the {0} and place it in the basket", "pick up the {0} and put it in the basket"];

    internal static readonly (string Key, string Phrase, double Dx, double Dy)[] Relations =
    [
        ("left", "left of", -1, 0), ("right", "right of", 1, 0), ("front", "in front of", 0, -1), ("behind", "behind", 0, 1),
    ];

    internal static PretrainDraft Draw(Random rng)
    {
        double kind = rng.NextDouble();
        return kind < 0.6 ? Single(rng) : kind < 0.8 ? Relation(rng) : TwoStage(rng);
    }

    private static PretrainDraft Single(Random rng)
    {
        var objects = Pick(rng, PretrainObjects.All, 1 + rng.Next(4));
        var target = objects[0];
        string dest = rng.Next(2) == 0 ? "plate" : "basket";
        var fixtures = Fixtures(rng, dest, maxExtra: objects.Count == 4 ? 1 : 2);
        var scene = new SceneSpec(Shuffle(rng, objects), fixtures);
        string text = SingleText(rng, target, dest);
        return new PretrainDraft($"put_{target.Name}_{dest}", text, scene, [new PlaceGoal(target.Name, dest)], Layout(rng, scene), 220);
    }

    internal static string SingleText(Random rng, ObjectSpec target, string dest) =>
        string.Format(Choose(rng, dest == "plate" ? PlateSingle : BasketSingle), target.Label);

    private static PretrainDraft Relation(Random rng)
    {
        var objects = Pick(rng, PretrainObjects.All, 1 + rng.Next(2));
        var target = objects[0] with { Name = "target_" + objects[0].Name };
        var twin = PretrainObjects.Twin(target, "twin_" + objects[0].Name);
        string landmark = rng.Next(2) == 0 ? "bowl" : "plate";
        string dest = landmark == "plate" || rng.Next(2) == 0 ? "basket" : "plate";
        var fixtures = new List<FixtureSpec> { Fixture(landmark), Fixture(dest) };
        var scene = new SceneSpec([target, twin, .. objects.Skip(1)], fixtures);
        var rel = Relations[rng.Next(Relations.Length)];
        string text = RelationText(rng, target, rel.Phrase, landmark, dest);
        return new PretrainDraft($"{rel.Key}_{landmark}_{objects[0].Name}_{dest}", text, scene, [new PlaceGoal(target.Name, dest)],
            PretrainLayouts.Relation(scene, target.Name, twin.Name, landmark, rel.Dx, rel.Dy), 220);
    }

    private static PretrainDraft TwoStage(Random rng)
    {
        var objects = Pick(rng, PretrainObjects.All, 2 + rng.Next(3));
        var (a, b) = (objects[0], objects[1]);
        var (fa, fb) = TwoStageFixtures(rng);
        var fixtures = new List<FixtureSpec> { Fixture("plate"), Fixture("basket") };
        if (objects.Count < 4 && rng.Next(2) == 0) fixtures.Add(Fixture("bowl"));
        var scene = new SceneSpec(Shuffle(rng, objects), fixtures);
        string text = TwoStageText(rng, a, b, fa, fb);
        return TwoStageDraft(text, a, b, fa, fb, scene, Layout(rng, scene));
    }

    internal static (string First, string Second) TwoStageFixtures(Random rng) =>
        rng.Next(3) switch { 0 => ("plate", "basket"), 1 => ("basket", "plate"), _ => ("basket", "basket") };

    internal static string TwoStageText(Random rng, ObjectSpec a, ObjectSpec b, string fa, string fb) =>
        fa == fb
            ? $"put the {a.Label} and the {b.Label} {Where(fa)}"
            : rng.Next(2) == 0
                ? $"put the {a.Label} {Where(fa)} and then put the {b.Label} {Where(fb)}"
                : $"first place the {a.Label} {Where(fa)}, then the {b.Label} {Where(fb)}";

    internal static PretrainDraft TwoStageDraft(string text, ObjectSpec a, ObjectSpec b, string fa, string fb, SceneSpec scene,
        Func<Random, Placement> layout)
    {
        // Two objects in one basket go to different slots, as in the long suite.
        double slotA = fa == fb ? -0.035 : 0, slotB = fa == fb ? 0.035 : 0;
        return new PretrainDraft($"{a.Name}_{fa}_then_{b.Name}_{fb}", text, scene,
            [new PlaceGoal(a.Name, fa, slotA), new PlaceGoal(b.Name, fb, slotB)], layout, 440);
    }

    internal static string RelationText(Random rng, ObjectSpec target, string phrase, string landmark, string dest) =>
        rng.Next(2) == 0
            ? $"pick up the {target.Label} {phrase} the {landmark} and place it {Where(dest)}"
            : $"put the {target.Label} {phrase} the {landmark} {Where(dest)}";

    private static string Where(string fixture) => fixture == "plate" ? "on the plate" : "in the basket";

    // The destination plus each other fixture with probability 1/2 (at most maxExtra of them; rows fit two fixtures).
    internal static List<FixtureSpec> Fixtures(Random rng, string dest, int maxExtra)
    {
        var list = new List<FixtureSpec> { Fixture(dest) };
        foreach (var other in new[] { "plate", "basket", "bowl" }.Where(f => f != dest).OrderBy(_ => rng.Next()))
            if (list.Count <= maxExtra && rng.Next(2) == 0) list.Add(Fixture(other));
        return list;
    }

    internal static Func<Random, Placement> Layout(Random rng, SceneSpec scene) =>
        scene.Fixtures.Count <= 2 && rng.NextDouble() < 0.3 ? PretrainLayouts.Rows(scene, rng) : PretrainLayouts.Uniform(scene);

    internal static FixtureSpec Fixture(string name) => name switch
    {
        "plate" => FixtureSpec.Plate(),
        "basket" => FixtureSpec.Basket(),
        _ => FixtureSpec.Bowl(),
    };

    internal static List<ObjectSpec> Pick(Random rng, IReadOnlyList<ObjectSpec> pool, int count) =>
        pool.OrderBy(_ => rng.Next()).Take(count).ToList();

    internal static List<T> Shuffle<T>(Random rng, IEnumerable<T> items) => items.OrderBy(_ => rng.Next()).ToList();

    private static string Choose(Random rng, string[] options) => options[rng.Next(options.Length)];
}
