using Vla.Sim;
using Xunit.Abstractions;

namespace Vla.Data.Tests;

/// <summary>Files from our simulator (PureHDF's writer) read back like the h5py fixtures.</summary>
public sealed class SimulatorFileTests(ITestOutputHelper output) : TempFolder
{
    [Fact]
    public void A_task_file_written_by_the_simulator_reads_back()
    {
        var task = SimCatalog.Tasks("object")[0];
        DemoSummary summary;
        try
        {
            summary = DemoWriter.Write(new DemoRequest("object", 2, Dir, Seed: 3, ImageSize: 32, Tasks: [task.Name], Workers: 1));
        }
        catch (SimUnavailableException e)
        {
            output.WriteLine($"skipped: {e.Message}");
            return;   // no MuJoCo/GL on this machine: the h5py fixtures still cover the reader
        }

        output.WriteLine($"simulated {summary.Episodes} episodes, {summary.Frames} frames in {summary.Seconds:F1} s");
        var native = LiberoHdf5Reader.Read(Dir);
        var small = LiberoHdf5Reader.Read(Dir, new LiberoReadOptions(Cameras: ["agentview", "eye_in_hand"], ImageSize: 16));

        native.Should().HaveCount(2);
        native.Sum(e => e.Length).Should().Be((int)summary.Frames);
        native.Should().OnlyContain(e => e.Instruction == task.Instruction && e.Height == 32 && e.Width == 32
                                         && e.Actions[0].Length == 7 && e.Proprio[0].Length == 8);
        native[0].Frames.Keys.Should().BeEquivalentTo("agentview", "eye_in_hand");
        native[0].Frames["agentview"].Should().Contain(f => f.Distinct().Count() > 10, "rendered frames are not blank");
        small.Should().OnlyContain(e => e.Height == 16 && e.Frames["agentview"][0].Length == 16 * 16 * 3);
        small[1].Actions.Should().BeEquivalentTo(native[1].Actions, o => o.WithStrictOrdering());

        // obs/goal_offsets (the auxiliary localisation loss's targets): where the expert first closes the fingers, the
        // named object is right under them, and its place is elsewhere.
        native.Should().OnlyContain(e => e.GoalOffsets != null && e.GoalOffsets.Length == e.Length);
        foreach (var e in native)
        {
            var close = Array.FindIndex(e.Actions, a => a[6] > 0);
            var at = e.GoalOffsets![close];
            Math.Sqrt(at[0] * at[0] + at[1] * at[1]).Should().BeLessThan(0.02, "the fingers close on the object");
            Math.Sqrt(at[3] * at[3] + at[4] * at[4]).Should().BeGreaterThan(0.05, "the object is not yet where it goes");
        }

        // obs/goal_pixels (the pointing loss's targets): the named object (object suite task 0: the red cube) seen where the
        // agentview frame shows red, at the first step, before the gripper can cover it.
        native.Should().OnlyContain(e => e.GoalPixels != null && e.GoalPixels.Length == e.Length);
        foreach (var e in native)
        {
            var (u, v) = (e.GoalPixels![0][0], e.GoalPixels[0][1]);
            u.Should().BeInRange(0, 1, "the table is in view");
            v.Should().BeInRange(0, 1, "the table is in view");
            var frame = e.Frames["agentview"][0];
            int col = (int)(u * e.Width), row = (int)(v * e.Height), red = 0;
            for (var r = Math.Max(0, row - 1); r <= Math.Min(e.Height - 1, row + 1); r++)
                for (var c = Math.Max(0, col - 1); c <= Math.Min(e.Width - 1, col + 1); c++)
                {
                    var i = (r * e.Width + c) * 3;
                    if (frame[i] > 1.6 * frame[i + 1] && frame[i] > 1.6 * frame[i + 2]) red++;
                }
            red.Should().BeGreaterThan(0, $"the red cube is drawn around pixel ({col}, {row}) of the {e.Width} px frame");
        }
    }
}
