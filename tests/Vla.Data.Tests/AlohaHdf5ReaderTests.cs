using Vla.Abstractions;
using static Vla.Data.Tests.AlohaH5pyWriter;

namespace Vla.Data.Tests;

public sealed class AlohaHdf5ReaderTests : TempFolder
{
    private string Folder(string name) => Directory.CreateDirectory(PathOf(name)).FullName;

    [Fact]
    public void Values_written_by_h5py_round_trip_exactly_at_native_size()
    {
        var dir = Folder("sim_transfer_cube");
        for (var e = 0; e < 2; e++) Write(new Spec(Path.Combine(dir, $"episode_{e}.hdf5"), Episode: e));

        var episodes = AlohaHdf5Reader.Read(dir);

        episodes.Should().HaveCount(2);
        for (var e = 0; e < 2; e++)
        {
            var episode = episodes[e];
            episode.Instruction.Should().Be("sim transfer cube", "ALOHA files have none: the folder name is used");
            (episode.Height, episode.Width, episode.Length).Should().Be((16, 16, 6));
            episode.Source.Should().Be(Path.Combine(dir, $"episode_{e}.hdf5"));
            episode.Frames.Keys.Should().Equal(AlohaCameras);
            for (var t = 0; t < 6; t++)
            {
                episode.Actions[t].Should().Equal(Enumerable.Range(0, 14).Select(j => Expected.Action(e, t, j)));
                episode.Proprio[t].Should().Equal(Enumerable.Range(0, 14).Select(j => Expected.Proprio(e, t, 0, j)));
                for (var c = 0; c < 2; c++) episode.Frames[AlohaCameras[c]][t].Should().Equal(Expected.Frame(e, c, t, 16));
            }
        }
    }

    [Fact]
    public void Episodes_come_in_numeric_file_order()
    {
        foreach (var e in new[] { 10, 2, 1 }) Write(new Spec(PathOf($"episode_{e}.hdf5"), Episode: e, Steps: 2, Size: 4));

        var episodes = AlohaHdf5Reader.Read(Dir);

        episodes.Select(e => Path.GetFileName(e.Source)).Should().Equal("episode_1.hdf5", "episode_2.hdf5", "episode_10.hdf5");
        episodes.Select(e => e.Actions[0][0]).Should().Equal(new[] { 1, 2, 10 }.Select(e => Expected.Action(e, 0, 0)));
    }

    [Fact]
    public void Resizing_on_read_averages_each_2x2_block()
    {
        var file = Write(new Spec(PathOf("episode_0.hdf5"), Episode: 3));

        var e = AlohaHdf5Reader.Read(file, new AlohaReadOptions(ImageSize: 8))[0];

        (e.Height, e.Width).Should().Be((8, 8));
        var frame = e.Frames["cam_left_wrist"][2];
        for (var y = 0; y < 8; y++)
        for (var x = 0; x < 8; x++)
        for (var ch = 0; ch < 3; ch++)
        {
            var sum = Expected.Pixel(3, 1, 2, 2 * y, 2 * x, ch) + Expected.Pixel(3, 1, 2, 2 * y, 2 * x + 1, ch)
                      + Expected.Pixel(3, 1, 2, 2 * y + 1, 2 * x, ch) + Expected.Pixel(3, 1, 2, 2 * y + 1, 2 * x + 1, ch);
            frame[(y * 8 + x) * 3 + ch].Should().Be((byte)((sum + 2) / 4));
        }
    }

    [Fact]
    public void Cameras_and_instruction_can_be_chosen()
    {
        var file = Write(new Spec(PathOf("episode_0.hdf5"), Cameras: ["cam_high", "cam_low", "cam_right_wrist"]));

        var e = AlohaHdf5Reader.Read(file, new AlohaReadOptions(Cameras: ["cam_right_wrist"], Instruction: "fold the towel"))[0];

        e.Instruction.Should().Be("fold the towel");
        e.Frames.Keys.Should().Equal("cam_right_wrist");
        e.Frames["cam_right_wrist"][1].Should().Equal(Expected.Frame(0, 2, 1, 16));
    }

    /// <summary>(case, Python run on the written file, fragments the message or hint must contain besides the file name)</summary>
    public static TheoryData<string, string, string[]> Corruptions() => new()
    {
        { "missing action", "del f['action']", ["'action'", "observations"] },
        { "missing qpos", "del f['observations/qpos']", ["observations/qpos", "qvel"] },
        { "missing images", "del f['observations/images']", ["observations/images"] },
        { "int action", "del f['action']; f.create_dataset('action', data=np.zeros((6, 14), np.int32))", ["'action'", "int32"] },
        { "1-D action", "del f['action']; f.create_dataset('action', data=np.zeros(84))", ["'action'", "rank 1"] },
        { "float images", "del f['observations/images/cam_high']; f['observations/images'].create_dataset('cam_high', data=np.zeros((6, 16, 16, 3), np.float32))",
            ["observations/images/cam_high", "float32", "uint8"] },
        { "compressed images", "del f['observations/images/cam_high']; f['observations/images'].create_dataset('cam_high', data=np.zeros((6, 900), np.uint8))",
            ["observations/images/cam_high", "JPEG"] },
        { "short qpos", "del f['observations/qpos']; f['observations'].create_dataset('qpos', data=np.zeros((5, 14)))",
            ["observations/qpos", "5 steps", "6"] },
        { "short camera", "del f['observations/images/cam_left_wrist']; f['observations/images'].create_dataset('cam_left_wrist', data=np.zeros((4, 16, 16, 3), np.uint8))",
            ["observations/images/cam_left_wrist", "4 frames", "6 steps"] },
        { "empty episode", "del f['action']; f.create_dataset('action', data=np.zeros((0, 14)))", ["'action'", "empty"] },
        { "NaN action", "a = f['action']; v = a[...]; v[2, 5] = np.nan; a[...] = v", ["'action'", "NaN", "step 2"] },
        { "cameras of different sizes", "del f['observations/images/cam_left_wrist']; f['observations/images'].create_dataset('cam_left_wrist', data=np.zeros((6, 8, 8, 3), np.uint8))",
            ["observations/images/cam_left_wrist", "observations/images/cam_high", "8x8", "16x16"] },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void A_broken_file_is_a_clear_error(string name, string post, string[] fragments)
    {
        var file = Write(new Spec(PathOf("episode_0.hdf5"), Post: post));

        var error = FluentActions.Invoking(() => AlohaHdf5Reader.Read(file)).Should().Throw<VlaException>().Which;

        error.Message.Should().Contain(file, name);
        foreach (var fragment in fragments) $"{error.Message} {error.Hint}".Should().Contain(fragment, name);
    }

    [Fact]
    public void A_later_file_missing_a_camera_of_the_first_is_a_clear_error()
    {
        Write(new Spec(PathOf("episode_0.hdf5")));
        var second = Write(new Spec(PathOf("episode_1.hdf5"), Episode: 1, Cameras: ["cam_high"]));

        var error = FluentActions.Invoking(() => AlohaHdf5Reader.Read(Dir)).Should().Throw<VlaException>().Which;

        error.Message.Should().Contain(second).And.Contain("observations/images/cam_left_wrist");
    }

    [Fact]
    public void A_truncated_file_is_a_clear_error()
    {
        var file = Write(new Spec(PathOf("episode_0.hdf5"), Steps: 30));
        using (var stream = File.Open(file, FileMode.Open)) stream.SetLength(stream.Length / 2);

        var error = FluentActions.Invoking(() => AlohaHdf5Reader.Read(file)).Should().Throw<VlaException>().Which;

        error.Message.Should().Contain(file);
        (error.Hint ?? "").Should().MatchRegex("truncated|interrupted");
    }
}
