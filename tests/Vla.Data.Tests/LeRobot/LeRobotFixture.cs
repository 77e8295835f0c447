using System.Diagnostics;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using ArrowField = Apache.Arrow.Field;

namespace Vla.Data.Tests.LeRobot;

/// <summary>
/// Writes LeRobot datasets the way LeRobot's Python stack lays them out, with implementations independent of ours:
/// Parquet by Apache Arrow C++ (ParquetSharp.Arrow, the engine under pyarrow; fixed-size lists and nullable fields as
/// Hugging Face `datasets` writes them), mp4 by the ffmpeg CLI from raw frames made here. Values follow
/// <see cref="Action"/>, <see cref="State"/> and <see cref="Pixel"/>, so tests can check what is read back.
/// Corruption knobs produce the broken inputs of the error tests.
/// </summary>
internal static class LeRobotFixture
{
    /// <param name="Version">"v3.0" (many episodes per file) or "v2.1" (one file per episode)</param>
    /// <param name="Codec">ffmpeg video arguments; the default is LeRobot's own encoder setting (SVT-AV1, yuv420p, g 2, crf 30)</param>
    /// <param name="EpisodesPerDataFile">v3 only: how many episodes share one data file (more than one file tests file_index)</param>
    public sealed record Spec(
        string Root,
        string Version = "v3.0",
        int[]? Lengths = null,
        int Size = 64,
        string[]? Cameras = null,
        int ActionDim = 6,
        int StateDim = 4,
        int Fps = 10,
        string CameraDtype = "video",
        string Codec = "-c:v libsvtav1 -pix_fmt yuv420p -g 2 -crf 30 -preset 12",
        int EpisodesPerDataFile = 2,
        string? DropColumn = null,
        bool ActionAsText = false,
        (int Episode, int Step)? NaNAction = null,
        int? EmptyEpisode = null)
    {
        public int[] EpisodeLengths => Lengths ?? [5, 7, 6];

        public string[] CameraNames => Cameras ?? ["top", "wrist"];
    }

    public static readonly string[] Tasks = ["pick up the red cube", "open the drawer"];

    public static string TaskOf(int episode) => Tasks[episode % 2];

    public static float Action(int e, int t, int j) => e * 100 + t + j * 0.01f;

    public static float State(int e, int t, int j) => -(e * 100 + t) - j * 0.5f;

    /// <summary>Smooth images (a base colour per frame plus a gentle gradient) so lossy codecs stay within a few levels,
    /// while consecutive frames differ by at least 11 levels in their base colour.</summary>
    public static byte Pixel(int e, int c, int t, int y, int x, int ch, int size) =>
        (byte)(30 + (e * 37 + t * 11 + c * 53 + ch * 71) % 150 + (x + y) * 40 / (2 * size));

    public static byte[] Frame(int e, int c, int t, int size)
    {
        var frame = new byte[size * size * 3];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        for (var ch = 0; ch < 3; ch++)
            frame[(y * size + x) * 3 + ch] = Pixel(e, c, t, y, x, ch, size);
        return frame;
    }

    public static string Write(Spec spec)
    {
        Directory.CreateDirectory(Path.Combine(spec.Root, "meta"));
        var v3 = spec.Version.StartsWith("v3", StringComparison.Ordinal);
        WriteInfo(spec, v3);
        var lengths = spec.EpisodeLengths;
        var groups = v3
            ? Enumerable.Range(0, lengths.Length).GroupBy(e => e / spec.EpisodesPerDataFile).Select(g => g.ToArray()).ToList()
            : Enumerable.Range(0, lengths.Length).Select(e => new[] { e }).ToList();
        var start = Starts(lengths);
        for (var g = 0; g < groups.Count; g++)
            WriteData(spec, DataPath(spec, v3, g, groups[g][0]), groups[g], start);
        if (spec.CameraDtype == "video")
            for (var c = 0; c < spec.CameraNames.Length; c++)
            {
                var key = $"observation.images.{spec.CameraNames[c]}";
                if (v3) Encode(spec, Path.Combine(spec.Root, $"videos/{key}/chunk-000/file-000.mp4"), c, Enumerable.Range(0, lengths.Length));
                else
                    for (var e = 0; e < lengths.Length; e++)
                        Encode(spec, Path.Combine(spec.Root, $"videos/chunk-000/{key}/episode_{e:000000}.mp4"), c, [e]);
            }
        if (v3) WriteV3Metadata(spec, groups, start);
        else WriteV2Metadata(spec);
        return spec.Root;
    }

    private static long[] Starts(int[] lengths)
    {
        var start = new long[lengths.Length + 1];
        for (var e = 0; e < lengths.Length; e++) start[e + 1] = start[e] + lengths[e];
        return start;
    }

    private static string DataPath(Spec spec, bool v3, int group, int episode) =>
        Path.Combine(spec.Root, v3 ? $"data/chunk-000/file-{group:000}.parquet" : $"data/chunk-000/episode_{episode:000000}.parquet");

    private static void WriteInfo(Spec spec, bool v3)
    {
        var features = new Dictionary<string, object>
        {
            ["action"] = new { dtype = "float32", shape = new[] { spec.ActionDim }, names = (string[]?)null },
            ["observation.state"] = new { dtype = "float32", shape = new[] { spec.StateDim }, names = (string[]?)null },
        };
        foreach (var camera in spec.CameraNames)
            features[$"observation.images.{camera}"] = new { dtype = spec.CameraDtype, shape = new[] { spec.Size, spec.Size, 3 }, names = new[] { "height", "width", "channels" } };
        features["timestamp"] = new { dtype = "float32", shape = new[] { 1 }, names = (string[]?)null };
        foreach (var key in new[] { "frame_index", "episode_index", "index", "task_index" })
            features[key] = new { dtype = "int64", shape = new[] { 1 }, names = (string[]?)null };
        var info = new Dictionary<string, object?>
        {
            ["codebase_version"] = spec.Version, ["robot_type"] = "fixture", ["total_episodes"] = spec.EpisodeLengths.Length,
            ["total_frames"] = spec.EpisodeLengths.Sum(), ["total_tasks"] = 2, ["chunks_size"] = 1000, ["fps"] = spec.Fps,
            ["splits"] = new { train = $"0:{spec.EpisodeLengths.Length}" },
            ["data_path"] = v3 ? "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet" : "data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet",
            ["video_path"] = spec.CameraDtype != "video" ? null
                : v3 ? "videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4" : "videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4",
            ["features"] = features,
        };
        File.WriteAllText(Path.Combine(spec.Root, "meta/info.json"), JsonSerializer.Serialize(info, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static void WriteData(Spec spec, string file, int[] episodes, long[] start)
    {
        var rows = episodes.Where(e => e != spec.EmptyEpisode).SelectMany(e => Enumerable.Range(0, spec.EpisodeLengths[e]).Select(t => (e, t))).ToList();
        var columns = new List<(ArrowField, IArrowArray)>();
        if (spec.ActionAsText) columns.Add(TextList("action", rows.Select(r => Enumerable.Range(0, spec.ActionDim).Select(j => $"{Action(r.e, r.t, j)}").ToArray())));
        else columns.Add(Vectors("action", spec.ActionDim, rows.Select(r => Enumerable.Range(0, spec.ActionDim)
            .Select(j => spec.NaNAction == (r.e, r.t) && j == 1 ? float.NaN : Action(r.e, r.t, j)))));
        columns.Add(Vectors("observation.state", spec.StateDim, rows.Select(r => Enumerable.Range(0, spec.StateDim).Select(j => State(r.e, r.t, j)))));
        if (spec.CameraDtype == "image")
            for (var c = 0; c < spec.CameraNames.Length; c++)
                columns.Add(Images($"observation.images.{spec.CameraNames[c]}", rows.Select(r => Png(Frame(r.e, c, r.t, spec.Size), spec.Size))));
        columns.Add(Floats("timestamp", rows.Select(r => (float)r.t / spec.Fps)));
        columns.Add(Longs("frame_index", rows.Select(r => (long)r.t)));
        columns.Add(Longs("episode_index", rows.Select(r => (long)r.e)));
        columns.Add(Longs("index", rows.Select(r => start[r.e] + r.t)));
        columns.Add(Longs("task_index", rows.Select(r => (long)(r.e % 2))));
        WriteTable(file, columns.Where(c => c.Item1.Name != spec.DropColumn).ToList());
    }

    private static void WriteV3Metadata(Spec spec, List<int[]> groups, long[] start)
    {
        var lengths = spec.EpisodeLengths;
        var episodes = Enumerable.Range(0, lengths.Length).ToList();
        var fileOf = episodes.Select(e => (long)groups.FindIndex(g => g.Contains(e))).ToList();
        var columns = new List<(ArrowField, IArrowArray)>
        {
            Longs("episode_index", episodes.Select(e => (long)e)),
            TextList("tasks", episodes.Select(e => new[] { TaskOf(e) })),
            Longs("length", episodes.Select(e => e == spec.EmptyEpisode ? 0L : lengths[e])),
            Longs("data/chunk_index", episodes.Select(_ => 0L)),
            Longs("data/file_index", fileOf),
            Longs("dataset_from_index", episodes.Select(e => start[e])),
            Longs("dataset_to_index", episodes.Select(e => start[e + 1])),
        };
        if (spec.CameraDtype == "video")
            foreach (var key in spec.CameraNames.Select(c => $"observation.images.{c}"))
            {
                columns.Add(Longs($"videos/{key}/chunk_index", episodes.Select(_ => 0L)));
                columns.Add(Longs($"videos/{key}/file_index", episodes.Select(_ => 0L)));
                columns.Add(Doubles($"videos/{key}/from_timestamp", episodes.Select(e => (double)start[e] / spec.Fps)));
                columns.Add(Doubles($"videos/{key}/to_timestamp", episodes.Select(e => (double)start[e + 1] / spec.Fps)));
            }
        columns.Add(Longs("meta/episodes/chunk_index", episodes.Select(_ => 0L)));
        columns.Add(Longs("meta/episodes/file_index", episodes.Select(_ => 0L)));
        WriteTable(Path.Combine(spec.Root, "meta/episodes/chunk-000/file-000.parquet"), columns);
        WriteTable(Path.Combine(spec.Root, "meta/tasks.parquet"),
            [Longs("task_index", Enumerable.Range(0, Tasks.Length).Select(i => (long)i)), Texts("task", Tasks)]);
    }

    private static void WriteV2Metadata(Spec spec)
    {
        File.WriteAllLines(Path.Combine(spec.Root, "meta/episodes.jsonl"), spec.EpisodeLengths.Select((length, e) =>
            JsonSerializer.Serialize(new { episode_index = e, tasks = new[] { TaskOf(e) }, length })));
        File.WriteAllLines(Path.Combine(spec.Root, "meta/tasks.jsonl"), Tasks.Select((task, i) => JsonSerializer.Serialize(new { task_index = i, task })));
    }

    /// <summary>Frames of the given episodes back to back into one mp4, by the ffmpeg CLI reading rawvideo on stdin.</summary>
    private static void Encode(Spec spec, string file, int camera, IEnumerable<int> episodes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var info = new ProcessStartInfo("ffmpeg")
        {
            Arguments = $"-hide_banner -loglevel error -y -f rawvideo -pix_fmt rgb24 -s {spec.Size}x{spec.Size} -framerate {spec.Fps} -i pipe:0 {spec.Codec} \"{file}\"",
            RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        using (var stdin = process.StandardInput.BaseStream)
            foreach (var e in episodes)
            for (var t = 0; t < spec.EpisodeLengths[e]; t++)
                stdin.Write(Frame(e, camera, t, spec.Size));
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed: {errors.Result}");
    }

    private static byte[] Png(byte[] rgb, int size)
    {
        using var image = Image.LoadPixelData<Rgb24>(rgb, size, size);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    private static void WriteTable(string file, List<(ArrowField Field, IArrowArray Array)> columns)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var builder = new Schema.Builder();
        foreach (var (field, _) in columns) builder.Field(field);
        var schema = builder.Build();
        using var writer = new ParquetSharp.Arrow.FileWriter(file, schema);
        writer.WriteRecordBatch(new RecordBatch(schema, columns.Select(c => c.Array), columns[0].Array.Length));
        writer.Close();
    }

    // Hugging Face `datasets`: Sequence(length=D) is an Arrow fixed_size_list; every field nullable.
    private static (ArrowField, IArrowArray) Vectors(string name, int dim, IEnumerable<IEnumerable<float>> rows)
    {
        var values = new FloatArray.Builder();
        var count = 0;
        foreach (var row in rows)
        {
            values.AppendRange(row);
            count++;
        }
        var type = new FixedSizeListType(new ArrowField("item", FloatType.Default, true), dim);
        return (new ArrowField(name, type, true), new FixedSizeListArray(type, count, values.Build(), ArrowBuffer.Empty, 0));
    }

    private static (ArrowField, IArrowArray) TextList(string name, IEnumerable<string[]> rows)
    {
        var builder = new ListArray.Builder(StringType.Default);
        var values = (StringArray.Builder)builder.ValueBuilder;
        foreach (var row in rows)
        {
            builder.Append();
            foreach (var v in row) values.Append(v);
        }
        return (new ArrowField(name, new ListType(new ArrowField("item", StringType.Default, true)), true), builder.Build());
    }

    private static (ArrowField, IArrowArray) Images(string name, IEnumerable<byte[]> pngs)
    {
        var bytes = new BinaryArray.Builder();
        var paths = new StringArray.Builder();
        var count = 0;
        foreach (var png in pngs)
        {
            bytes.Append(png.AsSpan());
            paths.AppendNull();
            count++;
        }
        var type = new StructType([new ArrowField("bytes", BinaryType.Default, true), new ArrowField("path", StringType.Default, true)]);
        return (new ArrowField(name, type, true), new StructArray(type, count, [bytes.Build(), paths.Build()], ArrowBuffer.Empty, 0));
    }

    private static (ArrowField, IArrowArray) Floats(string name, IEnumerable<float> values) =>
        (new ArrowField(name, FloatType.Default, true), new FloatArray.Builder().AppendRange(values).Build());

    private static (ArrowField, IArrowArray) Doubles(string name, IEnumerable<double> values) =>
        (new ArrowField(name, DoubleType.Default, true), new DoubleArray.Builder().AppendRange(values).Build());

    private static (ArrowField, IArrowArray) Longs(string name, IEnumerable<long> values) =>
        (new ArrowField(name, Int64Type.Default, true), new Int64Array.Builder().AppendRange(values).Build());

    private static (ArrowField, IArrowArray) Texts(string name, IEnumerable<string> values)
    {
        var builder = new StringArray.Builder();
        foreach (var v in values) builder.Append(v);
        return (new ArrowField(name, StringType.Default, true), builder.Build());
    }
}
