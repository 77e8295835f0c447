using Vla.Sim.Scene;

namespace Vla.Sim.Tasks.Pretrain;

/// <summary>
/// Sibling tasks: several tasks that share one scene and one layout sampler but name different goals, so only the
/// instruction tells them apart - the goal suite's situation. With one task per scene a policy can learn "this set of
/// objects -> that object" and never read the instruction; a base pretrained that way fine-tunes to a policy that picks
/// the same object whatever it is told (docs/results/2026-11-27-s8-per-suite). Same kinds and mix as
/// <see cref="PretrainTemplates"/>: single placements (60%), relational (20%), two-stage (20%).
/// </summary>
internal static class PretrainSiblings
{
    /// <summary>Up to <paramref name="targets"/> drafts over one scene; fewer when the scene cannot name that many goals.</summary>
    internal static IReadOnlyList<PretrainDraft> Draw(Random rng, int targets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targets, 1);
        double kind = rng.NextDouble();
        return kind < 0.6 ? Single(rng, targets) : kind < 0.8 ? Relation(rng, targets) : TwoStage(rng, targets);
    }

    // Two to four objects, so there is always something to confuse the target with; the goals take distinct objects
    // first, then the same objects to the other destination (as the goal suite's red cube goes to the plate or the basket).
    private static List<PretrainDraft> Single(Random rng, int targets)
    {
        var objects = PretrainTemplates.Pick(rng, PretrainObjects.All, 2 + rng.Next(3));
        string first = rng.Next(2) == 0 ? "plate" : "basket";
        var fixtures = PretrainTemplates.Fixtures(rng, first, maxExtra: objects.Count == 4 ? 1 : 2);
        var destinations = fixtures.Select(f => f.Name).Where(n => n is "plate" or "basket").ToList();
        var scene = new SceneSpec(PretrainTemplates.Shuffle(rng, objects), fixtures);
        var layout = PretrainTemplates.Layout(rng, scene);
        var drafts = new List<PretrainDraft>();
        for (int round = 0; round < destinations.Count && drafts.Count < targets; round++)
            for (int i = 0; i < objects.Count && drafts.Count < targets; i++)
            {
                var (target, dest) = (objects[i], destinations[(i + round) % destinations.Count]);
                drafts.Add(new PretrainDraft($"put_{target.Name}_{dest}", PretrainTemplates.SingleText(rng, target, dest), scene,
                    [new PlaceGoal(target.Name, dest)], layout, 220));
            }
        return drafts;
    }

    // The target and its identical twin on opposite sides of the landmark: one sibling names each side.
    private static List<PretrainDraft> Relation(Random rng, int targets)
    {
        var objects = PretrainTemplates.Pick(rng, PretrainObjects.All, 1 + rng.Next(2));
        var target = objects[0] with { Name = "target_" + objects[0].Name };
        var twin = PretrainObjects.Twin(target, "twin_" + objects[0].Name);
        string landmark = rng.Next(2) == 0 ? "bowl" : "plate";
        string dest = landmark == "plate" || rng.Next(2) == 0 ? "basket" : "plate";
        var scene = new SceneSpec([target, twin, .. objects.Skip(1)], [PretrainTemplates.Fixture(landmark), PretrainTemplates.Fixture(dest)]);
        int side = rng.Next(PretrainTemplates.Relations.Length);
        var rel = PretrainTemplates.Relations[side];
        var layout = PretrainLayouts.Relation(scene, target.Name, twin.Name, landmark, rel.Dx, rel.Dy);
        var opposite = PretrainTemplates.Relations[side ^ 1];   // left <-> right, front <-> behind
        var drafts = new List<PretrainDraft>
        {
            new($"{rel.Key}_{landmark}_{objects[0].Name}_{dest}", PretrainTemplates.RelationText(rng, target, rel.Phrase, landmark, dest),
                scene, [new PlaceGoal(target.Name, dest)], layout, 220),
            new($"{opposite.Key}_{landmark}_{objects[0].Name}_{dest}", PretrainTemplates.RelationText(rng, twin, opposite.Phrase, landmark, dest),
                scene, [new PlaceGoal(twin.Name, dest)], layout, 220),
        };
        if (objects.Count > 1)
            drafts.Add(new($"put_{objects[1].Name}_{dest}", PretrainTemplates.SingleText(rng, objects[1], dest), scene,
                [new PlaceGoal(objects[1].Name, dest)], layout, 220));
        return drafts.Take(targets).ToList();
    }

    // The same two destinations, different pairs of objects (and the same pair in the other order).
    private static List<PretrainDraft> TwoStage(Random rng, int targets)
    {
        var objects = PretrainTemplates.Pick(rng, PretrainObjects.All, 2 + rng.Next(3));
        var (fa, fb) = PretrainTemplates.TwoStageFixtures(rng);
        var fixtures = new List<FixtureSpec> { PretrainTemplates.Fixture("plate"), PretrainTemplates.Fixture("basket") };
        if (objects.Count < 4 && rng.Next(2) == 0) fixtures.Add(PretrainTemplates.Fixture("bowl"));
        var scene = new SceneSpec(PretrainTemplates.Shuffle(rng, objects), fixtures);
        var layout = PretrainTemplates.Layout(rng, scene);
        var drafts = new List<PretrainDraft>();
        for (int j = 0; j < Math.Min(targets, objects.Count); j++)
            {
            var (a, b) = (objects[j], objects[(j + 1) % objects.Count]);
            drafts.Add(PretrainTemplates.TwoStageDraft(PretrainTemplates.TwoStageText(rng, a, b, fa, fb), a, b, fa, fb, scene, layout));
        }
        return drafts;
    }
}
