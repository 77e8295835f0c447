using Vla.Sim.Evaluation;

namespace Vla.Sim.Tests;

/// <summary>The evaluation table's line on multi-goal tasks: where the failed episodes stopped.</summary>
public class SuccessTableTests
{
    private static EpisodeRecord Episode(bool success, int goals, EpisodeOutcome outcome) =>
        new("t", 0, success, 10, outcome) { GoalsDone = goals };

    [Fact]
    public void Two_goal_tasks_count_failures_by_the_goals_they_had_met()
    {
        var episodes = new[]
        {
            Episode(true, 2, EpisodeOutcome.Success),
            Episode(false, 1, EpisodeOutcome.WrongObject),
            Episode(false, 1, EpisodeOutcome.NotPlaced),
            Episode(false, 0, EpisodeOutcome.MissedGrasp),
        };

        SuccessTable.GoalsLine(episodes).Should().Be("Failed episodes (3) by the goals they had met at the end: 0 goals met: 1, 1 goal met: 2.");
        SuccessTable.Build("long", episodes, new Dictionary<string, string> { ["t"] = "do two things" })
            .Should().Contain("by the goals they had met");
    }

    [Fact]
    public void A_two_goal_run_without_any_success_still_gets_the_line()
    {
        var episodes = new[] { Episode(false, 1, EpisodeOutcome.NotPlaced), Episode(false, 0, EpisodeOutcome.MissedGrasp) };

        SuccessTable.GoalsLine(episodes).Should().Be("Failed episodes (2) by the goals they had met at the end: 0 goals met: 1, 1 goal met: 1.");
    }

    [Fact]
    public void Tipped_cylinders_are_counted_in_failures_and_successes()
    {
        var episodes = new[]
        {
            Episode(true, 1, EpisodeOutcome.Success) with { Tipped = ["y"] },
            Episode(false, 0, EpisodeOutcome.NotPlaced) with { Tipped = ["y", "b"] },
            Episode(false, 0, EpisodeOutcome.NotPlaced) with { Tipped = ["y"] },
            Episode(false, 0, EpisodeOutcome.MissedGrasp),
        };

        SuccessTable.TippedLine(episodes).Should().Be(
            "A cylinder tipped over (leaned more than 60 degrees outside the fixtures) in 2 of 3 failed episodes and 1 of 1 successes (y 3, b 1).");
        SuccessTable.TippedLine(episodes[3..]).Should().BeNull();
        EpisodeOutcomes.TippedNote(episodes).Should().Be("; a cylinder tipped over in 2 of 3 failed episodes");
        EpisodeOutcomes.TippedNote(episodes[3..]).Should().BeEmpty();

        // Two-goal tasks also say which goal the episode was working on when the first cylinder tipped.
        var twoGoal = new[]
        {
            Episode(false, 1, EpisodeOutcome.NotPlaced) with { Tipped = ["y"], FirstTipGoal = 2 },
            Episode(false, 0, EpisodeOutcome.NotPlaced) with { Tipped = ["y"], FirstTipGoal = 1 },
            Episode(false, 1, EpisodeOutcome.WrongPlace) with { Tipped = ["b"], FirstTipGoal = 2 },
        };
        SuccessTable.TippedLine(twoGoal).Should().EndWith("(y 2, b 1). The first tip came while working on goal 1 in 1, goal 2 in 2.");
    }

    [Fact]
    public void One_goal_tasks_have_no_such_line()
    {
        var episodes = new[] { Episode(true, 1, EpisodeOutcome.Success), Episode(false, 0, EpisodeOutcome.WrongObject) };

        SuccessTable.GoalsLine(episodes).Should().BeNull();
    }

    [Fact]
    public void Failures_that_followed_another_instruction_are_counted_by_pair()
    {
        var episodes = new[]
        {
            Episode(true, 2, EpisodeOutcome.Success),
            Episode(false, 0, EpisodeOutcome.WrongPlace) with { FollowedTask = "b_then_a" },
            Episode(false, 0, EpisodeOutcome.WrongObject) with { FollowedTask = "b_then_a" },
            Episode(false, 1, EpisodeOutcome.NoGrasp),
        };

        SuccessTable.FollowedLine(episodes).Should().Be("Failed episodes that carried out another task's instruction instead (met " +
            "more of its goals, in order, than of their own): 2 of 3 (t did b_then_a's: 2).");
        SuccessTable.FollowedLine(episodes[3..]).Should().BeNull();
        SuccessTable.Build("long", episodes, new Dictionary<string, string> { ["t"] = "do two things" })
            .Should().Contain("another task's instruction");
    }
}
