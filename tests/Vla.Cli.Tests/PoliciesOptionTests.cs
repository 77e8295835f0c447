namespace Vla.Cli.Tests;

public class PoliciesOptionTests
{
    private static readonly IReadOnlyList<string> Suites = ["spatial", "object", "goal", "long"];
    private static int HorizonOf(string suite) => suite == "long" ? 6 * 440 : (suite == "spatial" ? 8 : 6) * 220;

    [Fact]
    public void Per_suite_gives_one_policy_per_suite_and_shared_one_for_all()
    {
        PoliciesOption.Groups(PoliciesOption.PerSuite, Suites).Select(g => string.Join(",", g)).Should().Equal(Suites);
        PoliciesOption.Groups(PoliciesOption.Shared, Suites).Should().ContainSingle().Which.Should().Equal(Suites);
        PoliciesOption.Groups(PoliciesOption.PerSuite, ["goal"]).Should().ContainSingle().Which.Should().Equal("goal");
    }

    [Fact]
    public void The_step_budget_is_split_by_episode_horizon_so_long_gets_twice_the_steps_per_task()
    {
        var groups = PoliciesOption.Groups(PoliciesOption.PerSuite, Suites);
        groups.Select(g => PoliciesOption.StepsOf(g, groups, 2000, HorizonOf)).Should().Equal(500, 375, 375, 750);
        var shared = PoliciesOption.Groups(PoliciesOption.Shared, Suites);
        PoliciesOption.StepsOf(shared[0], shared, 2000, HorizonOf).Should().Be(2000);
        PoliciesOption.StepsOf(["goal"], groups, 3, HorizonOf).Should().Be(1, "every policy trains at least one step");
    }

    [Fact]
    public void The_default_runs_2400_steps_go_600_to_spatial_450_to_object_and_goal_and_900_to_long()
    {
        var plan = PoliciesOption.Plan(PoliciesOption.Groups(PoliciesOption.PerSuite, Suites), "runs/x", 2400);
        plan.Select(p => p.Steps).Should().Equal(600, 450, 450, 900);
        plan.Select(p => Path.GetFileName(p.Folder)).Should().Equal(Suites);
    }
}
