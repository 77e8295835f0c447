using Vla.Cli.Report;

namespace Vla.Cli.Tests.Report;

public class RolloutsTests
{
    [Fact]
    public void The_shown_rollouts_are_spread_over_every_suite_not_the_first_ones()
    {
        // Four suites, six failed tasks each, listed suite by suite as the evaluation writes them.
        var failures = new[] { "spatial", "object", "goal", "long" }
            .SelectMany(s => Enumerable.Range(0, 6).Select(t => $"{s}/task{t}_trial0_fail.gif")).ToList();

        Rollouts.Spread(failures).Select(f => f.Split('/')[0]).Should().Equal("spatial", "object", "goal", "long");
        Rollouts.Spread(failures.Take(3).ToList()).Should().HaveCount(3, "fewer than four are all shown");
    }
}
