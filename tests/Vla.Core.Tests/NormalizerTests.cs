using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.Core.Tests;

public class NormalizerTests
{
    [Fact]
    public void Q99_bounds_map_to_unit_range_clip_outliers_and_skip_the_gripper()
    {
        var rows = Enumerable.Range(0, 1001).Select(i => new[] { i / 1000f * 4 - 2, i % 2 == 0 ? -1f : 1f }).ToList();
        var stats = StatisticsCalculator.Feature(rows, "actions");
        stats.Q01[0].Should().BeApproximately(-1.96f, 1e-4f);
        stats.Q99[0].Should().BeApproximately(1.96f, 1e-4f);
        var normalizer = new Normalizer(stats, "q99", [1]);
        float[] values = [0f, 1f, 1.96f, 1f, 5f, -1f];
        normalizer.Normalize(values);
        values.Should().BeEquivalentTo(new[] { 0f, 1f, 1f, 1f, 1f, -1f }, o => o.Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-5f)).WhenTypeIs<float>());
        float[] back = [0.5f, 1f];
        normalizer.Unnormalize(back);
        back[0].Should().BeApproximately(0.98f, 1e-5f);
        back[1].Should().Be(1f);
    }

    [Fact]
    public void Minmax_bounds_keep_the_whole_range_where_q99_clips_it()
    {
        // ALOHA's joint targets: the extremes are real positions, not outliers; q01/q99 would flatten them to +-1.
        var rows = Enumerable.Range(0, 1001).Select(i => new[] { i / 1000f * 4 - 2 }).ToList();
        var stats = StatisticsCalculator.Feature(rows, "actions");
        float[] values = [-2f, 0f, 1.99f, 2f];
        new Normalizer(stats, "minmax").Normalize(values);
        values.Should().Equal([-1f, 0f, 0.995f, 1f], (a, e) => Math.Abs(a - e) < 1e-5f);
        float[] q99 = [1.99f];
        new Normalizer(stats, "q99").Normalize(q99);
        q99[0].Should().Be(1f, "q01/q99 bounds clip the last percent");
        float[] back = [0.995f];
        new Normalizer(stats, "minmax").Unnormalize(back);
        back[0].Should().BeApproximately(1.99f, 1e-5f);
    }

    [Fact]
    public void Statistics_match_a_direct_computation()
    {
        var rng = new Random(3);
        var rows = Enumerable.Range(0, 500).Select(_ => new[] { (float)rng.NextDouble() * 10, (float)rng.NextDouble() }).ToList();
        var stats = StatisticsCalculator.Feature(rows, "x");
        stats.Mean[0].Should().BeApproximately(rows.Average(r => r[0]), 1e-4f);
        stats.Min[1].Should().Be(rows.Min(r => r[1]));
        stats.Max[1].Should().Be(rows.Max(r => r[1]));
        var sorted = rows.Select(r => (double)r[0]).Order().ToArray();
        stats.Q99[0].Should().BeApproximately((float)(sorted[494] + 0.01 * (sorted[495] - sorted[494])), 1e-4f);
    }

    [Fact]
    public void Statistics_with_the_wrong_dimensions_are_refused()
    {
        var stats = StatisticsCalculator.Feature([[1f, 2f]], "actions");
        var act = () => stats.Validate("actions", 7);
        act.Should().Throw<VlaException>().WithMessage("*2 dimensions*7*");
    }
}
