using Vla.Cli.Pretrain;
using Vla.Core.Training;

namespace Vla.Cli.Tests;

/// <summary>provenance.json keeps every invocation, also one that was killed before it could write its end.</summary>
public class PretrainProvenanceTests
{
    [Fact]
    public void A_killed_session_stays_recorded_as_interrupted_at_the_step_the_next_one_resumed_from()
    {
        var run = new RunFolder(Commands.Cli.TempFolder("provenance"));
        var t0 = new DateTime(2026, 11, 26, 10, 0, 0, DateTimeKind.Utc);
        PretrainProvenance.Append(run, Session(t0, 0, 0, PretrainProvenance.Running));
        PretrainProvenance.Append(run, Session(t0, 0, 1000, PretrainProvenance.Completed));
        PretrainProvenance.Append(run, Session(t0.AddHours(1), 1000, 1000, PretrainProvenance.Running));   // then killed
        PretrainProvenance.Append(run, Session(t0.AddHours(2), 2750, 2750, PretrainProvenance.Running));   // resumed at 2750
        var record = PretrainProvenance.Append(run, Session(t0.AddHours(2), 2750, 4500, PretrainProvenance.Completed));

        record.Sessions.Select(s => (s.StartStep, s.Steps, s.Status)).Should().Equal(
            (0, 1000, "completed"), (1000, 2750, "interrupted"), (2750, 4500, "completed"));
        record.Latest.Steps.Should().Be(4500);

        record.Sessions[1].TrainSeconds.Should().Be(1, "the killed session's record was never completed (no checkpoint time given)");

        // Given the resumed checkpoint's summed training seconds, the killed session gets what it trained up to it.
        var credited = new RunFolder(Commands.Cli.TempFolder("provenance-credit"));
        PretrainProvenance.Append(credited, Session(t0, 0, 1000, PretrainProvenance.Completed) with { TrainSeconds = 600 });
        PretrainProvenance.Append(credited, Session(t0.AddHours(1), 1000, 1000, PretrainProvenance.Running) with { WallSeconds = 200, TrainSeconds = 0 });
        var resumed = PretrainProvenance.Append(credited, Session(t0.AddHours(2), 2750, 2750, PretrainProvenance.Running), trainedSeconds: 1650);
        resumed.Sessions[1].Should().Match<PretrainProvenance.Session>(s =>
            s.Status == "interrupted" && s.Steps == 2750 && s.TrainSeconds == 1050 && s.WallSeconds == 1250);

        var restarted = PretrainProvenance.Append(run, Session(t0.AddHours(3), 0, 0, PretrainProvenance.Running));
        restarted.Sessions.Should().ContainSingle("a run started again from step 0 replaces the folder's history");
    }

    private static PretrainProvenance.Session Session(DateTime started, int startStep, int steps, string status) =>
        new("vla pretrain", ["pretrain"], started, "base", 0, 7, 100, 10, 64, "data", new string('0', 64), [], null, null,
            startStep, steps, 1, 1, null, status);
}
