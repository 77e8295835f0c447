using Vla.Core.Data;
using static Vla.Data.Tests.H5pyWriter;

namespace Vla.Data.Tests;

public sealed class LiberoHdf5ReaderTests : TempFolder
{
    [Fact]
    public void Values_written_by_h5py_round_trip_exactly_at_native_size()
    {
        var file = Write(new Spec(PathOf("put_the_bowl_on_the_plate_demo.hdf5")));

        var episodes = LiberoHdf5Reader.Read(file);

        episodes.Should().HaveCount(2);
        for (var d = 0; d < 2; d++)
        {
            var e = episodes[d];
            e.Instruction.Should().Be("put the bowl on the plate");
            (e.Height, e.Width, e.Length).Should().Be((16, 16, 5));
            e.Source.Should().Contain(file).And.Contain($"data/demo_{d}");
            e.Frames.Keys.Should().Equal("agentview", "eye_in_hand");
            e.GoalOffsets.Should().BeNull("LIBERO files have no obs/goal_offsets (only our simulator writes them)");
            for (var t = 0; t < 5; t++)
            {
                e.Actions[t].Should().Equal(Enumerable.Range(0, 7).Select(j => Expected.Action(d, t, j)));
                var proprio = new[] { (0, 3), (1, 3), (2, 2) }.SelectMany(p => Enumerable.Range(0, p.Item2).Select(j => Expected.Proprio(d, t, p.Item1, j)));
                e.Proprio[t].Should().Equal(proprio);
                for (var c = 0; c < 2; c++)
                    e.Frames[c == 0 ? "agentview" : "eye_in_hand"][t].Should().Equal(NativeFrame(d, c, t, 16));
            }
        }
    }

    [Fact]
    public void Robomimic_style_float64_gzip_and_image_suffix_read_the_same()
    {
        var file = Write(new Spec(PathOf("task.hdf5"), ActionDtype: "float64", Gzip: true,
            Cameras: ["agentview_image", "robot0_eye_in_hand_image"]));

        var e = LiberoHdf5Reader.Read(file)[1];

        e.Frames.Keys.Should().Equal("agentview", "robot0_eye_in_hand");
        e.Actions[3].Should().Equal(Enumerable.Range(0, 7).Select(j => Expected.Action(1, 3, j)));
        e.Frames["robot0_eye_in_hand"][4].Should().Equal(NativeFrame(1, 1, 4, 16));
    }

    [Fact]
    public void Resizing_on_read_averages_each_2x2_block()
    {
        var file = Write(new Spec(PathOf("task.hdf5")));

        var e = LiberoHdf5Reader.Read(file, new LiberoReadOptions(ImageSize: 8))[1];

        (e.Height, e.Width).Should().Be((8, 8));
        var frame = e.Frames["eye_in_hand"][2];
        frame.Should().HaveCount(8 * 8 * 3);
        for (var y = 0; y < 8; y++)
        for (var x = 0; x < 8; x++)
        for (var ch = 0; ch < 3; ch++)
        {
            var sum = Expected.Pixel(1, 1, 2, 2 * y, 2 * x, ch) + Expected.Pixel(1, 1, 2, 2 * y, 2 * x + 1, ch)
                      + Expected.Pixel(1, 1, 2, 2 * y + 1, 2 * x, ch) + Expected.Pixel(1, 1, 2, 2 * y + 1, 2 * x + 1, ch);
            frame[(y * 8 + x) * 3 + ch].Should().Be((byte)((sum + 2) / 4), $"pixel ({y}, {x}, {ch}) is the rounded box mean");
        }
    }

    [Fact]
    public void Demos_come_in_numeric_order()
    {
        var file = Write(new Spec(PathOf("task.hdf5"), Demos: [10, 2, 0, 1], Post: "f['data'].create_group('mask')"));

        var episodes = LiberoHdf5Reader.Read(file);

        episodes.Select(e => e.Actions[0][0]).Should().Equal(new[] { 0, 1, 2, 10 }.Select(d => Expected.Action(d, 0, 0)));
        episodes.Select(e => e.Source[(e.Source.LastIndexOf('/') + 1)..]).Should().Equal("demo_0", "demo_1", "demo_2", "demo_10");
    }

    [Theory]
    [InlineData("pick_up_the_black_bowl_demo.hdf5", "pick up the black bowl")]
    [InlineData("KITCHEN_SCENE3_turn_on_the_stove_demo.hdf5", "turn on the stove")]
    [InlineData("LIVING_ROOM_SCENE10_put_the_soup_in_the_basket_demo.hdf5", "put the soup in the basket")]
    [InlineData("open_drawer.h5", "open drawer")]
    public void Without_problem_info_the_instruction_comes_from_the_file_name(string name, string instruction)
    {
        var file = Write(new Spec(PathOf(name), ProblemInfo: null));

        LiberoHdf5Reader.Read(file).Should().OnlyContain(e => e.Instruction == instruction);
    }

    [Fact]
    public void An_instruction_given_in_the_options_wins()
    {
        var file = Write(new Spec(PathOf("task.hdf5")));

        LiberoHdf5Reader.Read(file, new LiberoReadOptions(Instruction: "do it")).Should().OnlyContain(e => e.Instruction == "do it");
    }

    [Fact]
    public void Only_the_requested_cameras_are_read()
    {
        var file = Write(new Spec(PathOf("task.hdf5")));

        var e = LiberoHdf5Reader.Read(file, new LiberoReadOptions(Cameras: ["eye_in_hand"]))[0];

        e.Frames.Keys.Should().Equal("eye_in_hand");
        e.Frames["eye_in_hand"][0].Should().Equal(NativeFrame(0, 1, 0, 16));
    }

    [Fact]
    public void Proprio_keys_can_be_chosen_and_default_to_those_present()
    {
        var full = Write(new Spec(PathOf("a.hdf5"), Proprio: [("joint_states", 7), ("gripper_states", 2), ("ee_pos", 3)]));
        var chosen = LiberoHdf5Reader.Read(full, new LiberoReadOptions(ProprioKeys: ["joint_states", "gripper_states"]))[0];
        chosen.Proprio[1].Should().Equal(Enumerable.Range(0, 7).Select(j => Expected.Proprio(0, 1, 0, j))
            .Concat(Enumerable.Range(0, 2).Select(j => Expected.Proprio(0, 1, 1, j))));

        // ee_ori is absent here: the default takes ee_pos then gripper_states (LIBERO's order), 5-D.
        var byDefault = LiberoHdf5Reader.Read(full)[0];
        byDefault.Proprio[1].Should().Equal(Enumerable.Range(0, 3).Select(j => Expected.Proprio(0, 1, 2, j))
            .Concat(Enumerable.Range(0, 2).Select(j => Expected.Proprio(0, 1, 1, j))));
    }

    [Fact]
    public void A_folder_reads_every_task_file_in_name_order()
    {
        Write(new Spec(PathOf("b_task_demo.hdf5"), ProblemInfo: null, Demos: [0]));
        Write(new Spec(PathOf("a_task_demo.hdf5"), ProblemInfo: null, Demos: [0, 1, 2]));
        File.WriteAllText(PathOf("a_task_demo.json"), "{}");   // sidecars (e.g. the simulator's manifests) are ignored

        var episodes = LiberoHdf5Reader.Read(Dir, new LiberoReadOptions(ImageSize: 8));

        episodes.Select(e => e.Instruction).Should().Equal("a task", "a task", "a task", "b task");
    }

    [Fact]
    public void Cameras_of_different_sizes_are_resized_to_one_size_when_a_size_is_given()
    {
        var file = Write(new Spec(PathOf("task.hdf5"), Post: """
            for d in ('demo_0', 'demo_1'):
                obs = f['data'][d]['obs']
                del obs['eye_in_hand_rgb']
                obs.create_dataset('eye_in_hand_rgb', data=np.full((5, 32, 32, 3), 7, np.uint8))
            """));

        var e = LiberoHdf5Reader.Read(file, new LiberoReadOptions(ImageSize: 8))[0];

        e.Frames["eye_in_hand"][0].Should().HaveCount(8 * 8 * 3).And.OnlyContain(v => v == 7);
        e.Frames["agentview"][0].Should().HaveCount(8 * 8 * 3);
    }

    private static byte[] NativeFrame(int demo, int camera, int t, int size)
    {
        var frame = new byte[size * size * 3];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        for (var ch = 0; ch < 3; ch++)
            frame[(y * size + x) * 3 + ch] = Expected.Pixel(demo, camera, t, y, x, ch);
        return frame;
    }
}
