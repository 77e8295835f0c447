using Vla.Cli.Report;

namespace Vla.Cli.Tests.Report;

public sealed class MetricsLogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vla-metrics-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Missing_file_is_reported_as_not_found()
    {
        var log = MetricsLog.Read(_dir);

        log.Found.Should().BeFalse();
        log.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Reads_loss_and_validation_and_skips_torn_lines_and_non_finite_values()
    {
        File.WriteAllText(Path.Combine(_dir, "metrics.jsonl"), """
            {"step":1,"loss":0.9,"val_loss":1.1,"lr":1e-4,"steps_per_s":1.2,"wall_s":0.8}
            {"step":2,"loss":0.8,"val_loss":null,"lr":1e-4,"steps_per_s":1.2,"wall_s":1.6}

            {"step":3,"loss":"NaN","val_loss":null}
            {"step":4,"loss":0.5,"val_loss":0.7,"val_decision_loss":1.4,"val_decision_swapped_loss":2.9}
            {"step":5,"lo
            """);

        var log = MetricsLog.Read(_dir);

        log.Found.Should().BeTrue();
        log.Loss.Should().Equal(new MetricsLog.Point(1, 0.9), new MetricsLog.Point(2, 0.8), new MetricsLog.Point(4, 0.5));
        log.Validation.Should().Equal(new MetricsLog.Point(1, 1.1), new MetricsLog.Point(4, 0.7));
        log.DecisionValidation.Should().Equal(new MetricsLog.Point(4, 1.4));
        log.SwappedInstructionValidation.Should().Equal(new MetricsLog.Point(4, 2.9));
        log.SkippedLines.Should().Be(1);
        log.NonFiniteValues.Should().Be(1);
        log.MeanLoad.Should().BeNull("this log is from before the load was logged");
        Vla.Cli.Commands.RunCommand.MachineUse(log).Should().StartWith("not logged");
    }

    [Fact]
    public void Load_and_memory_give_the_mean_load_and_the_peak_memory()
    {
        File.WriteAllText(Path.Combine(_dir, "metrics.jsonl"), """
            {"step":1,"loss":0.9,"load1":1.5,"rss_mb":900}
            {"step":2,"loss":0.8,"load1":4.5,"rss_mb":1200}
            {"step":3,"loss":0.7,"load1":null,"rss_mb":1100}
            """);

        var log = MetricsLog.Read(_dir);

        log.MeanLoad.Should().Be(3.0);
        log.PeakResidentMb.Should().Be(1200);
        Vla.Cli.Commands.RunCommand.MachineUse(log).Should().Contain("load average 3.0").And.Contain("1,200 MB");
    }

    [Theory]
    [InlineData(new[] { 2.0, 0.1 }, true)]
    [InlineData(new[] { 1.0, 0.2 }, false)]
    [InlineData(new[] { 2.0, 0.0 }, false)]
    [InlineData(new[] { 3.0 }, false)]
    public void Log_scale_only_when_positive_losses_span_more_than_a_decade(double[] values, bool expected) =>
        LossCurvePlot.UsesLogScale(values).Should().Be(expected);

    [Fact]
    public void Centred_mean_has_no_lag_and_keeps_the_ends()
    {
        Smoothing.Centred([1, 2, 3, 4, 5], 1).Should().Equal(1, 2, 3, 4, 5);
        Smoothing.Centred([0, 3, 0, 3, 0], 1).Should().Equal(0, 1, 2, 1, 0);
        Smoothing.Centred([4, 8], 0).Should().Equal(4, 8);
    }
}
