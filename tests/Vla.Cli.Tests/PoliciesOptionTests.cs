namespace Vla.Cli.Tests;

public class PoliciesOptionTests
{
    private static readonly IReadOnlyList<string> Suites = ["spatial", "object", "goal", "long"];
    private static int TasksOf(string suite) => suite == "spatial" ? 8 : 6;

    [Fact]
    public void Per_suite_gives_one_policy_per_suite_and_shared_one_for_all()
    {
        PoliciesOption.Groups(PoliciesOption.PerSuite, Suites).Select(g => string.Join(",", g)).Should().Equal(Suites);
        PoliciesOption.Groups(PoliciesOption.Shared, Suites).Should().ContainSingle().Which.Should().Equal(Suites);
        PoliciesOption.Groups(PoliciesOption.PerSuite, ["goal"]).Should().ContainSingle().Which.Should().Equal("goal");
    }

    [Fact]
    public void The_step_budget_is_split_by_task_count_so_each_task_is_seen_as_often_as_with_one_shared_policy()
    {
        var groups = PoliciesOption.Groups(PoliciesOption.PerSuite, Suites);
        groups.Select(g => PoliciesOption.StepsOf(g, groups, 2000, TasksOf)).Should().Equal(615, 462, 462, 462);
        var shared = PoliciesOption.Groups(PoliciesOption.Shared, Suites);
        PoliciesOption.StepsOf(shared[0], shared, 2000, TasksOf).Should().Be(2000);
        PoliciesOption.StepsOf(["goal"], groups, 3, TasksOf).Should().Be(1, "every policy trains at least one step");
    }
}
