using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Data.Streaming;

namespace Vla.Data.Tests.Streaming;

/// <summary>A streamed dataset holds what the in-memory readers read: the same episodes, and frame by frame the same pixels.</summary>
public sealed class Hdf5FrameStoreTests : TempFolder
{
    public static TheoryData<bool, int?> Layouts() => new()
    {
        { false, null },   // stored size
        { false, 8 },      // resized on read (area filter, whole blocks)
        { true, 12 },      // gzip chunks, resized by weights
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Libero_frames_and_episodes_equal_the_in_memory_read(bool gzip, int? size)
    {
        var dir = Directory.CreateDirectory(PathOf("suite")).FullName;
        H5pyWriter.Write(new H5pyWriter.Spec(Path.Combine(dir, "a_demo.hdf5"), Demos: [0, 1], Gzip: gzip));
        H5pyWriter.Write(new H5pyWriter.Spec(Path.Combine(dir, "b_demo.hdf5"), Demos: [2], Steps: 7, Gzip: gzip));
        var options = new DatasetReadOptions(ImageSize: size);

        var expected = DatasetReader.Read(dir, DatasetFormat.LiberoHdf5, options);
        using var store = DatasetReader.Stream(dir, DatasetFormat.LiberoHdf5, options);

        SameAsRead(store, expected);
    }

    [Fact]
    public void Aloha_frames_and_episodes_equal_the_in_memory_read()
    {
        var dir = Directory.CreateDirectory(PathOf("fold_towel")).FullName;
        for (var e = 0; e < 3; e++) AlohaH5pyWriter.Write(new AlohaH5pyWriter.Spec(Path.Combine(dir, $"episode_{e}.hdf5"), Episode: e));
        var options = new DatasetReadOptions(ImageSize: 8);

        var expected = DatasetReader.Read(dir, DatasetFormat.AlohaHdf5, options);
        using var store = DatasetReader.Stream(dir, DatasetFormat.AlohaHdf5, options);

        SameAsRead(store, expected);
    }

    [Fact]
    public void Statistics_from_the_index_equal_those_of_the_whole_read()
    {
        H5pyWriter.Write(new H5pyWriter.Spec(PathOf("a_demo.hdf5"), Demos: [0, 1, 2]));
        var options = new DatasetReadOptions();
        var expected = StatisticsCalculator.Compute(DatasetReader.Read(Dir, DatasetFormat.LiberoHdf5, options));

        using var store = DatasetReader.Stream(Dir, DatasetFormat.LiberoHdf5, options);

        StatisticsCalculator.Compute(store.Episodes).ToJson().Should().Be(expected.ToJson());
    }

    [Fact]
    public void A_file_truncated_after_indexing_fails_naming_the_file_and_the_key()
    {
        var file = H5pyWriter.Write(new H5pyWriter.Spec(PathOf("a_demo.hdf5"), Demos: [0, 1, 2], Size: 32));
        using var store = DatasetReader.Stream(Dir, DatasetFormat.LiberoHdf5, new DatasetReadOptions());
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) stream.SetLength(stream.Length / 4);

        var read = () => Enumerable.Range(0, 3).Select(e => store.ReadFrame(e, 4, "agentview")).ToList();

        read.Should().Throw<VlaException>().WithMessage($"{file}: cannot read 'data/demo_*/obs/agentview_rgb'*");
    }

    [Fact]
    public void Lerobot_datasets_are_refused_with_a_way_out()
    {
        var act = () => DatasetReader.Stream(Dir, DatasetFormat.Lerobot, new DatasetReadOptions());

        act.Should().Throw<VlaException>().WithMessage("*LeRobot*HDF5*").Where(e => e.Hint!.Contains("--stream"));
    }

    private static void SameAsRead(IFrameStore store, List<Episode> expected)
    {
        store.Episodes.Should().HaveCount(expected.Count);
        store.Cameras.Should().Equal(expected[0].Frames.Keys);
        for (var e = 0; e < expected.Count; e++)
        {
            var (streamed, read) = (store.Episodes[e], expected[e]);
            streamed.Frames.Should().BeEmpty("a streamed episode holds no frames");
            (streamed.Instruction, streamed.Source, streamed.Height, streamed.Width, streamed.Length)
                .Should().Be((read.Instruction, read.Source, read.Height, read.Width, read.Length));
            for (var t = 0; t < read.Length; t++)
            {
                streamed.Actions[t].Should().Equal(read.Actions[t]);
                streamed.Proprio[t].Should().Equal(read.Proprio[t]);
                foreach (var camera in store.Cameras)
                    store.ReadFrame(e, t, camera).Should().Equal(read.Frames[camera][t], $"episode {e} step {t} camera {camera}");
            }
        }
    }
}
