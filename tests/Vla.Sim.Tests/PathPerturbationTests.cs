using Vla.Sim.Engine;
using Vla.Sim.Expert;

namespace Vla.Sim.Tests;

/// <summary>DART-style perturbed demonstrations: the simulator executes a pushed action, the recording keeps the expert's.</summary>
public class PathPerturbationTests
{
    [Fact]
    public void The_push_moves_only_the_translation_within_the_action_range_and_drifts_slowly()
    {
        var push = new PathPerturbation(new Random(3));
        var pushes = new List<double[]>();
        for (int t = 0; t < 20_000; t++)
        {
            float[] action = [0.9f, 0, -0.2f, 0.1f, -0.1f, 0.05f, 1];
            var executed = push.Apply(action);
            executed[3..].Should().Equal(action[3..], "rotation and gripper are the expert's");
            executed[..3].Should().OnlyContain(v => v >= -1 && v <= 1);
            if (executed[1] is > -1 and < 1) pushes.Add([executed[1] - action[1], executed[2] - action[2]]);
        }
        var y = pushes.Select(p => p[0]).ToArray();
        Math.Sqrt(y.Average(v => v * v)).Should().BeApproximately(PathPerturbation.Sigma, 0.05);
        var lag1 = y.Zip(y.Skip(1)).Average(p => p.First * p.Second) / y.Average(v => v * v);
        lag1.Should().BeApproximately(PathPerturbation.Correlation, 0.03, "a slow drift, not per-step jitter");
        pushes.Select(p => p[0] * p[1]).Average().Should().BeApproximately(0, 0.02, "the axes are pushed independently");
    }

    [Fact]
    public void The_perturbed_fraction_picks_episodes_by_seed()
    {
        Enumerable.Range(0, 400).Count(seed => DemoWriter.Push(seed, 0.5) is not null).Should().BeInRange(170, 230);
        Enumerable.Range(0, 50).Should().OnlyContain(seed => DemoWriter.Push(seed, 0) == null);
        float[] action = [0.3f, 0.3f, 0.3f, 0, 0, 0, -1];
        var (a, b) = (DemoWriter.Push(7, 1)!, DemoWriter.Push(7, 1)!);
        Enumerable.Range(0, 5).Should().OnlyContain(_ => a.Apply(action).SequenceEqual(b.Apply(action)), "the episode's seed fixes its push");
    }

    [Theory]
    [InlineData("goal", "put_red_cube_plate")]
    [InlineData("long", "red_cube_basket_then_blue_cylinder_plate")]
    public void A_perturbed_demonstration_leaves_the_expert_path_and_records_its_corrections(string suite, string name)
    {
        var task = SimCatalog.Find(suite, name);
        using var env = new SimEnv(32, 32);
        env.Load(task);
        int succeeded = 0;
        foreach (int seed in new[] { 11, 12, 13, 14 })
        {
            var clean = DemoWriter.RecordEpisode(env, task, seed);
            var pushed = DemoWriter.RecordEpisode(env, task, seed, push: DemoWriter.Push(seed, 1));
            clean.Should().NotBeNull($"{name} seed {seed}");
            if (pushed is null) continue;   // a push can make the expert fail; failed episodes are not kept
            succeeded++;
            // Same start, other path: the end-effector (proprio 0..2) drifts from the clean run's within a few steps.
            var drift = clean!.Proprio.Zip(pushed.Proprio).Take(30).Max(p => EndEffectorDistance(p.First, p.Second));
            drift.Should().BeGreaterThan(0.003, "the pushed arm leaves the expert's path");
            // The recording holds the expert's steering, not what was executed: replayed open loop, a clean episode's
            // actions retrace its path exactly (the simulation is deterministic) and a perturbed one's do not.
            ReplayGap(env, seed, clean).Should().BeLessThan(1e-6);
            ReplayGap(env, seed, pushed).Should().BeGreaterThan(0.003);
        }
        succeeded.Should().BeGreaterThan(1, $"the expert completes most perturbed episodes of {name}");
    }

    // Largest end-effector distance between the recorded path and the recorded actions executed again from the same reset.
    private static double ReplayGap(SimEnv env, int seed, Data.EpisodeBuffer episode)
    {
        env.Reset(seed);
        double gap = 0;
        for (int t = 0; t < episode.Length; t++)
        {
            var p = env.Observe().Proprio;
            gap = Math.Max(gap, EndEffectorDistance(p, episode.Proprio[t]));
            env.Step(episode.Actions[t]);
        }
        return gap;
    }

    // Proprio 0..2 is the end-effector position.
    private static double EndEffectorDistance(float[] a, float[] b) =>
        Math.Sqrt(Enumerable.Range(0, 3).Sum(i => Math.Pow(a[i] - b[i], 2)));
}
