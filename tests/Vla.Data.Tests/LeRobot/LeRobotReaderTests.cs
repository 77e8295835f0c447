using Vla.Core.Data;
using Vla.Data.LeRobot;
using static Vla.Data.Tests.LeRobot.LeRobotFixture;

namespace Vla.Data.Tests.LeRobot;

/// <summary>
/// Datasets written by another implementation (Arrow C++ Parquet, ffmpeg-CLI mp4) read correctly: every action,
/// proprio value and instruction exactly; frames of lossy videos within a stated tolerance.
/// </summary>
public sealed class LeRobotReaderTests : TempFolder
{
    /// <summary>
    /// Lossy codecs (SVT-AV1 crf 30 and x264 crf 18 in yuv420p, LeRobot's usual settings) on the fixture's smooth
    /// frames: each pixel within 16 levels and each frame's mean error within 3 levels of what was encoded. A frame
    /// taken from the wrong time would be off by at least 11 levels everywhere, so the mean bound also proves the
    /// frame-to-time mapping.
    /// </summary>
    private const int PixelTolerance = 16;
    private const double MeanTolerance = 3.0;

    [Fact]
    public void A_v3_dataset_with_two_data_files_and_av1_videos_reads_correctly()
    {
        var spec = new Spec(PathOf("v3"));
        Write(spec);

        var episodes = LeRobotReader.Read(spec.Root);

        CheckEpisodes(episodes, spec, spec.Size);
        episodes[2].Source.Should().Contain("file-001.parquet", "episode 2 is in the second data file");
    }

    [Fact]
    public void A_v21_dataset_with_one_mp4_per_episode_reads_correctly_and_resized()
    {
        var spec = new Spec(PathOf("v21"), Version: "v2.1", Size: 32, Lengths: [4, 6, 3], Codec: "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -crf 18 -g 10");
        Write(spec);

        CheckEpisodes(LeRobotReader.Read(spec.Root), spec, spec.Size);
        var resized = LeRobotReader.Read(spec.Root, new LeRobotReadOptions(Cameras: ["wrist"], ImageSize: 16, Instruction: "do it"));

        resized.Should().OnlyContain(e => e.Height == 16 && e.Width == 16 && e.Instruction == "do it");
        resized[1].Frames.Keys.Should().Equal("wrist");
        var expected = new AreaResizer(32, 32, 16, 16).Resize(Frame(1, 1, 4, 32), 0);
        Diff(resized[1].Frames["wrist"][4], expected).Mean.Should().BeLessThan(MeanTolerance);
    }

    [Fact]
    public void Image_features_stored_as_png_in_parquet_read_exactly()
    {
        var spec = new Spec(PathOf("images"), CameraDtype: "image", Size: 16, Lengths: [3, 4]);
        Write(spec);

        var episodes = LeRobotReader.Read(spec.Root);

        episodes.Should().HaveCount(2);
        for (var e = 0; e < 2; e++)
        for (var c = 0; c < 2; c++)
        for (var t = 0; t < spec.EpisodeLengths[e]; t++)
            episodes[e].Frames[spec.CameraNames[c]][t].Should().Equal(Frame(e, c, t, 16), "PNG is lossless");
    }

    [Fact]
    public void Proprio_keys_choose_and_concatenate_features()
    {
        var spec = new Spec(PathOf("keys"), Cameras: [], Lengths: [3]);
        Write(spec);

        var e = LeRobotReader.Read(spec.Root, new LeRobotReadOptions(ProprioKeys: ["observation.state", "action"]))[0];

        e.Proprio[2].Should().Equal(Enumerable.Range(0, 4).Select(j => State(0, 2, j)).Concat(Enumerable.Range(0, 6).Select(j => Action(0, 2, j))));
        e.Frames.Should().BeEmpty();
    }

    [Fact]
    public void The_format_is_detected_and_read_through_DatasetReader()
    {
        var spec = new Spec(PathOf("detect"), Cameras: ["top"], Lengths: [2, 3], Size: 64);
        Write(spec);

        DatasetFormats.Detect(spec.Root).Should().Be(DatasetFormat.Lerobot);
        DatasetFormats.Parse("lerobot").Should().Be(DatasetFormat.Lerobot);
        var episodes = DatasetReader.Read(spec.Root, DatasetFormat.Lerobot, new DatasetReadOptions(ImageSize: 8));
        episodes.Select(e => e.Length).Should().Equal(2, 3);
        episodes[0].Frames["top"][0].Length.Should().Be(8 * 8 * 3);
        DatasetReader.Statistics(spec.Root, DatasetFormat.Lerobot, new DatasetReadOptions(), episodes).Frames.Should().Be(5);
    }

    private static void CheckEpisodes(List<Episode> episodes, Spec spec, int size)
    {
        episodes.Should().HaveCount(spec.EpisodeLengths.Length);
        var worst = (Max: 0, Mean: 0.0);
        for (var e = 0; e < episodes.Count; e++)
        {
            var episode = episodes[e];
            episode.Instruction.Should().Be(TaskOf(e));
            (episode.Length, episode.Height, episode.Width).Should().Be((spec.EpisodeLengths[e], size, size));
            episode.Frames.Keys.Should().Equal(spec.CameraNames);
            for (var t = 0; t < episode.Length; t++)
            {
                episode.Actions[t].Should().Equal(Enumerable.Range(0, spec.ActionDim).Select(j => Action(e, t, j)));
                episode.Proprio[t].Should().Equal(Enumerable.Range(0, spec.StateDim).Select(j => State(e, t, j)));
                for (var c = 0; c < spec.CameraNames.Length; c++)
                {
                    var d = Diff(episode.Frames[spec.CameraNames[c]][t], Frame(e, c, t, size));
                    worst = (Math.Max(worst.Max, d.Max), Math.Max(worst.Mean, d.Mean));
                }
            }
        }
        worst.Max.Should().BeLessThanOrEqualTo(PixelTolerance);
        worst.Mean.Should().BeLessThan(MeanTolerance);
    }

    private static (int Max, double Mean) Diff(byte[] actual, byte[] expected)
    {
        actual.Length.Should().Be(expected.Length);
        var (max, sum) = (0, 0L);
        for (var i = 0; i < actual.Length; i++)
        {
            var d = Math.Abs(actual[i] - expected[i]);
            (max, sum) = (Math.Max(max, d), sum + d);
        }
        return (max, (double)sum / actual.Length);
    }
}
