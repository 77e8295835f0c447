using System.Diagnostics;
using System.Text.Json.Nodes;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Data.LeRobot;

namespace Vla.Data.Tests.LeRobot;

/// <summary>
/// Demonstrations -> LeRobot v3.0 -> read back identical (lossless mp4: frames bit-exact), and the files are what an
/// independent reader (Arrow C++ via ParquetSharp, ffprobe) expects of a LeRobot dataset.
/// </summary>
public sealed class LeRobotWriterTests : TempFolder
{
    private List<Episode> Demos()
    {
        var dir = Directory.CreateDirectory(PathOf("demos")).FullName;
        H5pyWriter.Write(new H5pyWriter.Spec(Path.Combine(dir, "a_demo.hdf5"), Demos: [0, 1], Steps: 5));
        H5pyWriter.Write(new H5pyWriter.Spec(Path.Combine(dir, "b_demo.hdf5"), Demos: [2], Steps: 7,
            ProblemInfo: "{\"language_instruction\": \"stack the cups\"}"));
        return LiberoHdf5Reader.Read(dir);
    }

    [Fact]
    public void Demos_round_trip_through_lerobot_v3_exactly()
    {
        var demos = Demos();
        var output = PathOf("lerobot");

        var result = LeRobotWriter.Write(demos, output, new LeRobotWriteOptions(Fps: 20, RobotType: "panda"));

        (result.Episodes, result.Frames, result.Out).Should().Be((3, 17L, output));
        result.Files.Should().OnlyContain(f => File.Exists(f));
        Expected.SameEpisodes(LeRobotReader.Read(output), demos);
        var resized = LeRobotReader.Read(output, new LeRobotReadOptions(ImageSize: 8));
        Expected.SameEpisodes(resized, LiberoHdf5Reader.Read(PathOf("demos"), new LiberoReadOptions(ImageSize: 8)));
        Directory.GetFileSystemEntries(Dir).Select(Path.GetFileName).Should().BeEquivalentTo("demos", "lerobot");   // no temp folder left
    }

    [Fact]
    public void The_files_are_what_lerobot_expects()
    {
        var demos = Demos();
        var output = PathOf("lerobot");
        LeRobotWriter.Write(demos, output);

        var info = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "meta/info.json")))!;
        info["codebase_version"]!.GetValue<string>().Should().Be("v3.0");
        (info["total_episodes"]!.GetValue<int>(), info["total_frames"]!.GetValue<int>(), info["total_tasks"]!.GetValue<int>(), info["fps"]!.GetValue<int>())
            .Should().Be((3, 17, 2, 20));
        info["features"]!["action"]!["shape"]!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(7);
        info["features"]!["observation.state"]!["shape"]!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(8);
        info["features"]!["observation.images.agentview"]!["dtype"]!.GetValue<string>().Should().Be("video");

        // Data: Arrow C++ reads our Parquet.Net output as LeRobot's loader would (lists of float32, int64 indices).
        var data = ReadTable(Path.Combine(output, LeRobotWriter.DataFile));
        data.Schema.GetFieldByName("action").DataType.Should().BeOfType<ListType>()
            .Which.ValueDataType.Should().BeOfType<FloatType>();
        data.Schema.GetFieldByName("index").DataType.Should().BeOfType<Int64Type>();
        data.Schema.GetFieldByName("timestamp").DataType.Should().BeOfType<FloatType>();
        var episodeIndex = Longs(data, "episode_index");
        episodeIndex.Should().Equal(Enumerable.Repeat(0L, 5).Concat(Enumerable.Repeat(1L, 5)).Concat(Enumerable.Repeat(2L, 7)));
        Longs(data, "task_index").Should().Equal(Enumerable.Repeat(0L, 10).Concat(Enumerable.Repeat(1L, 7)));
        ListRow(data, "action", 11).Should().Equal(demos[2].Actions[1]);   // row 11 = episode 2, step 1

        // Tasks: the task text is pandas' index, so LeRobot's tasks.loc[task] lookups work.
        var tasks = ReadTable(Path.Combine(output, "meta/tasks.parquet"), out var metadata);
        ((StringArray)Column(tasks, "task").Data.Array(0)).GetString(1).Should().Be("stack the cups");
        JsonNode.Parse(metadata["pandas"])!["index_columns"]![0]!.GetValue<string>().Should().Be("task");

        // Episodes: row ranges and video time ranges of each episode in the shared files.
        var episodes = ReadTable(Path.Combine(output, LeRobotWriter.EpisodesFile));
        Longs(episodes, "dataset_from_index").Should().Equal(0, 5, 10);
        Longs(episodes, "dataset_to_index").Should().Equal(5, 10, 17);
        ((DoubleArray)Column(episodes, "videos/observation.images.agentview/from_timestamp").Data.Array(0)).Values.ToArray()
            .Should().Equal(0, 0.25, 0.5);

        // Video: H.264 in an mp4, all 17 frames.
        Probe(Path.Combine(output, "videos/observation.images.eye_in_hand/chunk-000/file-000.mp4"))
            .Should().Be("h264,16,16,gbrp,17");
    }

    [Fact]
    public void Stats_json_holds_lerobot_statistics()
    {
        var demos = Demos();
        var output = PathOf("lerobot");
        LeRobotWriter.Write(demos, output);

        var stats = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "meta/stats.json")))!;
        var reference = StatisticsCalculator.Compute(demos);
        Floats(stats["action"]!["mean"]!).Should().BeEquivalentTo(reference.Action.Mean, o => o.WithStrictOrdering());
        Floats(stats["action"]!["q99"]!).Should().BeEquivalentTo(reference.Action.Q99, o => o.WithStrictOrdering());
        Floats(stats["observation.state"]!["std"]!).Should().BeEquivalentTo(reference.Proprio!.Std, o => o.WithStrictOrdering());
        stats["action"]!["count"]![0]!.GetValue<int>().Should().Be(17);
        foreach (var key in new[] { "min", "max", "mean", "std", "q01", "q10", "q50", "q90", "q99" })
            stats["observation.images.agentview"]![key]!.AsArray().Should().HaveCount(3, key);
        var meanRed = stats["observation.images.agentview"]!["mean"]![0]![0]![0]!.GetValue<double>();
        var pixels = demos.SelectMany(e => e.Frames["agentview"]).SelectMany(f => f.Where((_, i) => i % 3 == 0)).Select(b => (double)b).ToList();
        meanRed.Should().BeApproximately(pixels.Average() / 255, 1e-9);
    }

    [Fact]
    public void A_failed_export_leaves_nothing_and_an_existing_output_is_refused()
    {
        var demos = Demos();
        var output = PathOf("lerobot");

        var error = FluentActions.Invoking(() => LeRobotWriter.Write(demos, output, new LeRobotWriteOptions { FfmpegPath = "/nonexistent/ffmpeg" }))
            .Should().Throw<VlaException>().Which;

        error.Hint.Should().Contain("apt-get install ffmpeg");
        Directory.GetFileSystemEntries(Dir).Select(Path.GetFileName).Should().Equal("demos");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "keep.txt"), "mine");
        FluentActions.Invoking(() => LeRobotWriter.Write(demos, output)).Should().Throw<VlaException>().WithMessage("*already exists*");
        FluentActions.Invoking(() => LeRobotWriter.Write([], PathOf("empty"))).Should().Throw<VlaException>().WithMessage("*no episodes*");
        FluentActions.Invoking(() => new LeRobotWriteOptions(Fps: 0).Validate()).Should().Throw<VlaException>().WithMessage("*Fps*");
    }

    private static Apache.Arrow.Table ReadTable(string file) => ReadTable(file, out _);

    private static Apache.Arrow.Table ReadTable(string file, out IReadOnlyDictionary<string, string> metadata)
    {
        using var reader = new ParquetSharp.Arrow.FileReader(file);
        using var parquet = new ParquetSharp.ParquetFileReader(file);
        metadata = parquet.FileMetaData.KeyValueMetadata;
        var batches = new List<RecordBatch>();
        using var stream = reader.GetRecordBatchReader();
        while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch) batches.Add(batch);
        return Apache.Arrow.Table.TableFromRecordBatches(reader.Schema, batches);
    }

    private static Apache.Arrow.Column Column(Apache.Arrow.Table table, string name) => table.Column(table.Schema.GetFieldIndex(name));

    private static long[] Longs(Apache.Arrow.Table table, string column)
    {
        var chunks = Column(table, column).Data;
        return Enumerable.Range(0, chunks.ArrayCount).SelectMany(i => ((Int64Array)chunks.Array(i)).Values.ToArray()).ToArray();
    }

    private static float[] ListRow(Apache.Arrow.Table table, string column, int row)
    {
        var chunks = Column(table, column).Data;
        for (var i = 0; i < chunks.ArrayCount; row -= chunks.Array(i).Length, i++)
            if (row < chunks.Array(i).Length)
                return ((FloatArray)((ListArray)chunks.Array(i)).GetSlicedValues(row)).Values.ToArray();
        throw new ArgumentOutOfRangeException(nameof(row));
    }

    private static float[] Floats(JsonNode array) => array.AsArray().Select(n => (float)n!.GetValue<double>()).ToArray();

    private static string Probe(string file)
    {
        var info = new ProcessStartInfo("ffprobe", ["-v", "error", "-select_streams", "v:0", "-count_frames",
            "-show_entries", "stream=codec_name,pix_fmt,width,height,nb_read_frames", "-of", "csv=p=0", file]) { RedirectStandardOutput = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }
}
