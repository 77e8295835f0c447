using Vla.Sim.Engine;
using Vla.Sim.Expert;
using Vla.Sim.Scene;

namespace Vla.Sim.Tests;

public class ExpertTests
{
    [Theory]
    [MemberData(nameof(TaskData.AllTasks), MemberType = typeof(TaskData))]
    public void Scripted_expert_succeeds(string suite, string name)
    {
        var task = SimCatalog.Find(suite, name);
        using var env = new SimEnv(32, 32);
        env.Load(task);
        foreach (int seed in new[] { 11, 12, 13 })
        {
            env.Reset(seed);
            var expert = new ScriptedExpert(task, seed);
            bool success = false;
            while (!success && env.StepCount < task.Info.MaxSteps)
            {
                env.Step(expert.Act(env)).Should().BeTrue();
                success = env.IsSuccess();
            }
            success.Should().BeTrue($"{name} seed {seed}");
        }
    }

    [Theory]
    [InlineData("goal", "put_red_cube_plate")]
    [InlineData("spatial", "pick_left_cube_basket")]
    [InlineData("object", "pick_orange_block_basket")]
    [InlineData("long", "red_cube_basket_then_blue_cylinder_plate")]
    public void A_retry_demonstration_misses_one_grasp_then_recovers(string suite, string name)
    {
        var task = SimCatalog.Find(suite, name);
        using var env = new SimEnv(32, 32);
        env.Load(task);
        foreach (int seed in new[] { 11, 12 })
        {
            var clean = DemoWriter.RecordEpisode(env, task, seed);
            var retry = DemoWriter.RecordEpisode(env, task, seed, missGoal: task.Goals.Count - 1);
            clean.Should().NotBeNull($"{name} seed {seed}");
            retry.Should().NotBeNull($"the expert recovers from its miss ({name} seed {seed})");
            Closes(retry!).Should().Be(Closes(clean!) + 1, "one extra grasp: the missed one");
            retry!.Length.Should().BeGreaterThan(clean!.Length + 10);
            // While the fingers close on the missed grasp they are empty: proprio shows them fully shut.
            MinFingerGap(retry).Should().BeLessThan(0.01);
            MinFingerGap(clean).Should().BeGreaterThan(0.015, "a clean grasp always holds the object between the fingers");
        }
    }

    [Fact]
    public void The_retry_fraction_picks_episodes_by_seed()
    {
        var task = SimCatalog.Find("long", "red_cube_basket_then_blue_cylinder_plate");
        var picks = Enumerable.Range(0, 400).Select(seed => DemoWriter.MissGoal(task, seed, 0.25)).ToList();
        picks.Count(g => g >= 0).Should().BeInRange(70, 130);
        picks.Where(g => g >= 0).Distinct().Should().BeEquivalentTo([0, 1]);
        Enumerable.Range(0, 50).Should().OnlyContain(seed => DemoWriter.MissGoal(task, seed, 0) == -1);
        DemoWriter.MissGoal(task, 7, 0.25).Should().Be(DemoWriter.MissGoal(task, 7, 0.25));
    }

    [Theory]
    [InlineData("long", "red_cube_basket_then_blue_cylinder_plate", "blue_cylinder")]
    [InlineData("long", "blue_cylinder_basket_then_yellow_cylinder_basket", "yellow_cylinder")]
    [InlineData("object", "pick_purple_cylinder_basket", "purple_cylinder")]
    public void The_expert_places_a_cylinder_that_starts_on_its_side(string suite, string name, string cylinder)
    {
        var task = SimCatalog.Find(suite, name);
        using var env = new SimEnv(32, 32);
        env.Load(task);
        // Axis along the fingers' travel (they close on the flat ends), across it (on the round side) and diagonal.
        foreach (var (seed, yaw) in new[] { (11, 0.0), (12, Math.PI / 2), (13, Math.PI / 4) })
        {
            var lying = new LyingObject(cylinder, yaw);
            env.Reset(seed, lying);
            env.CylinderTilts().Single(t => t.Object == cylinder).Degrees.Should().BeInRange(85, 95, "it starts on its side");
            env.CylinderTilts().Where(t => t.Object != cylinder).Should().OnlyContain(t => t.Degrees < 5);
            DemoWriter.RecordEpisode(env, task, seed, lying: lying).Should().NotBeNull($"{name} seed {seed}, axis at {yaw:F2} rad");
        }
    }

    [Fact]
    public void The_tipped_fraction_picks_episodes_and_cylinders_by_seed()
    {
        var task = SimCatalog.Find("long", "red_cube_basket_then_blue_cylinder_plate");
        var picks = Enumerable.Range(0, 400).Select(seed => DemoWriter.Lying(task, seed, 0.25)).ToList();
        picks.Count(p => p is not null).Should().BeInRange(70, 130);
        picks.Where(p => p is not null).Select(p => p!.Value.Name).Distinct().Should().BeEquivalentTo(["blue_cylinder", "yellow_cylinder"]);
        picks.Where(p => p is not null).Should().OnlyContain(p => p!.Value.AxisYaw >= 0 && p.Value.AxisYaw < Math.PI);
        Enumerable.Range(0, 50).Should().OnlyContain(seed => DemoWriter.Lying(task, seed, 0) == null);
        DemoWriter.Lying(task, 7, 0.25).Should().Be(DemoWriter.Lying(task, 7, 0.25));
        var cubesOnly = SimCatalog.Find("spatial", "pick_left_cube_basket");
        Enumerable.Range(0, 50).Should().OnlyContain(seed => DemoWriter.Lying(cubesOnly, seed, 1) == null, "a scene without cylinders has none to tip");
    }

    private static int Closes(Data.EpisodeBuffer e) =>
        e.Actions.Zip(e.Actions.Skip(1)).Count(p => p.First[6] <= 0 && p.Second[6] > 0) + (e.Actions[0][6] > 0 ? 1 : 0);

    // Proprio dims 6 and 7 are the two finger positions (the second negated): their difference is the opening.
    private static double MinFingerGap(Data.EpisodeBuffer e) => e.Proprio.Min(p => p[6] - p[7]);
}
