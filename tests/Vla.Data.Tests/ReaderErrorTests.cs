using Vla.Abstractions;
using static Vla.Data.Tests.H5pyWriter;

namespace Vla.Data.Tests;

/// <summary>Every broken input is a <see cref="VlaException"/> naming the file and the key, never a raw PureHDF exception.</summary>
public sealed class ReaderErrorTests : TempFolder
{
    private const string File0 = "broken_task_demo.hdf5";

    /// <summary>(case, Python run on the written file, fragments the message or hint must contain besides the file name)</summary>
    public static TheoryData<string, string, string[]> Corruptions() => new()
    {
        { "no data group", "del f['data']; f.create_group('mask')", ["'data'", "mask"] },
        { "no demos", "del f['data/demo_0']; del f['data/demo_1']", ["'data' has no demo_<i>"] },
        { "missing actions", "del f['data/demo_1/actions']", ["data/demo_1/actions", "obs"] },
        { "actions is a group", "del f['data/demo_0/actions']; f['data/demo_0'].create_group('actions')", ["data/demo_0/actions", "group"] },
        { "int actions", "del f['data/demo_0/actions']; f['data/demo_0'].create_dataset('actions', data=np.zeros((5, 7), np.int32))",
            ["data/demo_0/actions", "int32"] },
        { "float images", "del f['data/demo_1/obs/agentview_rgb']; f['data/demo_1/obs'].create_dataset('agentview_rgb', data=np.zeros((5, 16, 16, 3), np.float32))",
            ["data/demo_1/obs/agentview_rgb", "float32", "uint8"] },
        { "1-D actions", "del f['data/demo_0/actions']; f['data/demo_0'].create_dataset('actions', data=np.zeros(35, np.float32))",
            ["data/demo_0/actions", "rank 1"] },
        { "3-D images", "del f['data/demo_0/obs/eye_in_hand_rgb']; f['data/demo_0/obs'].create_dataset('eye_in_hand_rgb', data=np.zeros((5, 16, 48), np.uint8))",
            ["data/demo_0/obs/eye_in_hand_rgb", "rank 3"] },
        { "grey images", "del f['data/demo_0/obs/eye_in_hand_rgb']; f['data/demo_0/obs'].create_dataset('eye_in_hand_rgb', data=np.zeros((5, 16, 16, 1), np.uint8))",
            ["data/demo_0/obs/eye_in_hand_rgb", "(5, 16, 16, 1)"] },
        { "short camera", "del f['data/demo_1/obs/agentview_rgb']; f['data/demo_1/obs'].create_dataset('agentview_rgb', data=np.zeros((4, 16, 16, 3), np.uint8))",
            ["data/demo_1/obs/agentview_rgb", "4 frames", "5 steps"] },
        { "short proprio", "del f['data/demo_1/obs/ee_pos']; f['data/demo_1/obs'].create_dataset('ee_pos', data=np.zeros((6, 3)))",
            ["data/demo_1/obs/ee_pos", "6 steps"] },
        { "num_samples disagrees", "f['data/demo_1'].attrs['num_samples'] = 9", ["data/demo_1", "num_samples", "9"] },
        { "NaN action", "a = f['data/demo_1/actions']; v = a[...]; v[3, 2] = np.nan; a[...] = v", ["data/demo_1", "'actions'", "NaN", "step 3"] },
        { "empty episode", "del f['data/demo_1/actions']; f['data/demo_1'].create_dataset('actions', data=np.zeros((0, 7), np.float32))",
            ["data/demo_1/actions", "empty"] },
        { "cameras of different sizes", "del f['data/demo_0/obs/eye_in_hand_rgb']; f['data/demo_0/obs'].create_dataset('eye_in_hand_rgb', data=np.zeros((5, 8, 8, 3), np.uint8))",
            ["data/demo_0/obs/eye_in_hand_rgb", "data/demo_0/obs/agentview_rgb", "8x8", "16x16"] },
        { "problem_info not JSON", "f['data'].attrs['problem_info'] = '{language_instruction: oops'", ["problem_info", "JSON"] },
        { "explicit proprio key missing", "del f['data/demo_1/obs/gripper_states']", ["data/demo_1/obs/gripper_states"] },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void A_broken_file_is_a_clear_error(string name, string post, string[] fragments)
    {
        var file = Write(new Spec(PathOf(File0), Post: post));
        var options = name == "explicit proprio key missing" ? new LiberoReadOptions(ProprioKeys: ["ee_pos", "gripper_states"]) : null;

        var error = Read(file, options);

        error.Message.Should().Contain(file);
        foreach (var fragment in fragments) $"{error.Message} {error.Hint}".Should().Contain(fragment, name);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.7)]
    [InlineData(0.95)]
    public void A_truncated_file_is_a_clear_error(double keep)
    {
        var file = Write(new Spec(PathOf(File0), Steps: 20));
        using (var stream = File.Open(file, FileMode.Open)) stream.SetLength((long)(stream.Length * keep));

        var error = Read(file);

        error.Message.Should().Contain(file);
        (error.Hint ?? "").Should().MatchRegex("truncated|interrupted");
    }

    [Fact]
    public void An_unsupported_compression_filter_says_how_to_rewrite_the_file()
    {
        var file = Write(new Spec(PathOf(File0), Post: """
            obs = f['data/demo_1/obs']
            data = obs['agentview_rgb'][...]
            del obs['agentview_rgb']
            obs.create_dataset('agentview_rgb', data=data, compression='lzf')
            """));

        var error = Read(file);

        error.Message.Should().Contain(file).And.Contain("data/demo_1/obs/agentview_rgb").And.Contain("lzf");
        error.Hint.Should().Contain("h5repack");
    }

    [Fact]
    public void A_file_that_is_not_hdf5_is_a_clear_error()
    {
        var file = PathOf(File0);
        File.WriteAllText(file, string.Concat(Enumerable.Repeat("this is not an HDF5 file\n", 100)));

        Read(file).Message.Should().Contain(file);
    }

    [Fact]
    public void A_missing_camera_lists_the_cameras_that_exist()
    {
        var file = Write(new Spec(PathOf(File0)));

        var error = Read(file, new LiberoReadOptions(Cameras: ["agentview", "wrist"]));

        error.Message.Should().Contain(file).And.Contain("wrist").And.Contain("data/demo_0/obs/wrist_rgb");
        error.Hint.Should().Contain("agentview, eye_in_hand");
    }

    [Fact]
    public void Files_with_different_image_sizes_are_refused_at_native_size()
    {
        var small = Write(new Spec(PathOf("b.hdf5"), Size: 8));
        var large = Write(new Spec(PathOf("a.hdf5"), Size: 16));

        var error = Read(Dir);

        error.Message.Should().Contain(small).And.Contain(large).And.Contain("8x8").And.Contain("16x16");
        LiberoHdf5Reader.Read(Dir, new LiberoReadOptions(ImageSize: 8)).Should().HaveCount(4);
    }

    [Fact]
    public void A_folder_without_hdf5_files_is_a_clear_error()
    {
        File.WriteAllText(PathOf("readme.txt"), "nothing here");

        Read(Dir).Message.Should().Contain(Dir).And.Contain("no .hdf5 files");
    }

    [Fact]
    public void A_path_that_does_not_exist_is_a_clear_error() =>
        Read(PathOf("nope")).Message.Should().Contain(PathOf("nope"));

    [Fact]
    public void Bad_options_name_the_property() =>
        FluentActions.Invoking(() => LiberoHdf5Reader.Read(Dir, new LiberoReadOptions(ImageSize: 0)))
            .Should().Throw<VlaException>().WithMessage("*ImageSize*");

    private static VlaException Read(string path, LiberoReadOptions? options = null)
    {
        try
        {
            LiberoHdf5Reader.Read(path, options);
        }
        catch (Exception e)
        {
            e.Should().BeOfType<VlaException>($"a broken input must not surface as {e.GetType().Name}: {e}");
            return (VlaException)e;
        }
        throw new Xunit.Sdk.XunitException($"reading {path} should have failed");
    }
}
