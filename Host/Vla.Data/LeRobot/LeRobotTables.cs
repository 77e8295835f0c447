using System.Text.Json.Nodes;
using Vla.Core.Data;

namespace Vla.Data.LeRobot;

/// <summary>
/// The tables and JSON of a LeRobot v3.0 dataset built from our episodes (all in data file 0 and video file 0): the
/// per-frame data columns, the episode metadata (row ranges, video time ranges), the tasks and info.json.
/// </summary>
internal sealed class LeRobotTables
{
    /// <summary>
    /// pandas' description of tasks.parquet: the task text is the DataFrame index. LeRobot reads the file with
    /// pandas and looks tasks up by that index, so without this metadata it would see row numbers instead of tasks.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> PandasTaskIndex = new Dictionary<string, string>
    {
        ["pandas"] = """
            {"index_columns": ["task"], "column_indexes": [{"name": null, "field_name": null, "pandas_type": "unicode", "numpy_type": "object", "metadata": {"encoding": "UTF-8"}}], "columns": [{"name": "task_index", "field_name": "task_index", "pandas_type": "int64", "numpy_type": "int64", "metadata": null}, {"name": "task", "field_name": "task", "pandas_type": "unicode", "numpy_type": "object", "metadata": null}], "creator": {"library": "pyarrow", "version": "17.0.0"}, "pandas_version": "2.2.3"}
            """,
    };

    private readonly IReadOnlyList<Episode> _episodes;
    private readonly int _fps;
    private readonly Dictionary<string, int> _taskIndex;
    private readonly long[] _start;   // first global frame index of each episode, and the total at the end

    public LeRobotTables(IReadOnlyList<Episode> episodes, int fps)
    {
        (_episodes, _fps) = (episodes, fps);
        Tasks = episodes.Select(e => e.Instruction).Distinct().ToList();
        _taskIndex = Tasks.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        _start = new long[episodes.Count + 1];
        for (var i = 0; i < episodes.Count; i++) _start[i + 1] = _start[i] + episodes[i].Length;
    }

    public IReadOnlyList<string> Tasks { get; }

    private bool HasState => _episodes[0].Proprio[0].Length > 0;

    private long Frames => _start[^1];

    public IReadOnlyList<(int Start, int Count)> EpisodeRowGroups =>
        _episodes.Select((e, i) => (checked((int)_start[i]), e.Length)).ToList();

    /// <summary>Columns in info.json's feature order: action, observation.state, then LeRobot's bookkeeping columns.</summary>
    public List<ParquetColumn> DataColumns()
    {
        var frames = _episodes.SelectMany((e, i) => Enumerable.Range(0, e.Length).Select(t => (Episode: i, Step: t))).ToArray();
        var columns = new List<ParquetColumn> { new ParquetColumn.Float32List(LeRobotReadOptions.ActionKey, _episodes.SelectMany(e => e.Actions).ToArray()) };
        if (HasState) columns.Add(new ParquetColumn.Float32List(LeRobotReadOptions.StateKey, _episodes.SelectMany(e => e.Proprio).ToArray()));
        columns.Add(new ParquetColumn.Float32("timestamp", frames.Select(f => (float)((double)f.Step / _fps)).ToArray()));
        columns.Add(new ParquetColumn.Int64("frame_index", frames.Select(f => (long)f.Step).ToArray()));
        columns.Add(new ParquetColumn.Int64("episode_index", frames.Select(f => (long)f.Episode).ToArray()));
        columns.Add(new ParquetColumn.Int64("index", Enumerable.Range(0, frames.Length).Select(i => (long)i).ToArray()));
        columns.Add(new ParquetColumn.Int64("task_index", frames.Select(f => (long)TaskIndex(f.Episode)).ToArray()));
        return columns;
    }

    /// <summary>meta/episodes: one row per episode; each camera's video is one file with the episodes back to back.</summary>
    public List<ParquetColumn> EpisodeColumns(IReadOnlyList<string> cameras)
    {
        var n = _episodes.Count;
        long[] Zeros() => new long[n];
        var columns = new List<ParquetColumn>
        {
            new ParquetColumn.Int64("episode_index", Enumerable.Range(0, n).Select(i => (long)i).ToArray()),
            new ParquetColumn.TextList("tasks", _episodes.Select(e => new[] { e.Instruction }).ToArray()),
            new ParquetColumn.Int64("length", _episodes.Select(e => (long)e.Length).ToArray()),
            new ParquetColumn.Int64("data/chunk_index", Zeros()),
            new ParquetColumn.Int64("data/file_index", Zeros()),
            new ParquetColumn.Int64("dataset_from_index", _start[..^1]),
            new ParquetColumn.Int64("dataset_to_index", _start[1..]),
        };
        foreach (var key in cameras.Select(c => LeRobotFeature.CameraPrefix + c))
        {
            columns.Add(new ParquetColumn.Int64($"videos/{key}/chunk_index", Zeros()));
            columns.Add(new ParquetColumn.Int64($"videos/{key}/file_index", Zeros()));
            columns.Add(new ParquetColumn.Float64($"videos/{key}/from_timestamp", _start[..^1].Select(s => (double)s / _fps).ToArray()));
            columns.Add(new ParquetColumn.Float64($"videos/{key}/to_timestamp", _start[1..].Select(s => (double)s / _fps).ToArray()));
        }
        columns.Add(new ParquetColumn.Int64("meta/episodes/chunk_index", Zeros()));
        columns.Add(new ParquetColumn.Int64("meta/episodes/file_index", Zeros()));
        return columns;
    }

    public List<ParquetColumn> TaskColumns() =>
    [
        new ParquetColumn.Int64("task_index", Enumerable.Range(0, Tasks.Count).Select(i => (long)i).ToArray()),
        new ParquetColumn.Text("task", [.. Tasks]),
    ];

    /// <summary>stats.json entries of the data columns (cameras are added by the writer as it encodes them).</summary>
    public JsonObject Statistics()
    {
        var stats = new JsonObject { [LeRobotReadOptions.ActionKey] = LeRobotStatistics.Vector(_episodes.SelectMany(e => e.Actions).ToList()) };
        if (HasState) stats[LeRobotReadOptions.StateKey] = LeRobotStatistics.Vector(_episodes.SelectMany(e => e.Proprio).ToList());
        foreach (var column in DataColumns().Skip(HasState ? 2 : 1))
        {
            var values = column switch
            {
                ParquetColumn.Float32 c => c.Values.Select(v => new[] { v }),
                ParquetColumn.Int64 c => c.Values.Select(v => new[] { (float)v }),
                _ => throw new InvalidOperationException(column.Name),
            };
            stats[column.Name] = LeRobotStatistics.Vector(values.ToList());
        }
        return stats;
    }

    public JsonObject Info(IReadOnlyList<string> cameras, string? robotType)
    {
        var features = new JsonObject { [LeRobotReadOptions.ActionKey] = Vector("float32", _episodes[0].Actions[0].Length, "action") };
        if (HasState) features[LeRobotReadOptions.StateKey] = Vector("float32", _episodes[0].Proprio[0].Length, "state");
        foreach (var camera in cameras) features[LeRobotFeature.CameraPrefix + camera] = Video();
        features["timestamp"] = Vector("float32", 1, null);
        foreach (var key in new[] { "frame_index", "episode_index", "index", "task_index" }) features[key] = Vector("int64", 1, null);
        return new JsonObject
        {
            ["codebase_version"] = LeRobotWriter.CodebaseVersion,
            ["robot_type"] = robotType,
            ["total_episodes"] = _episodes.Count,
            ["total_frames"] = Frames,
            ["total_tasks"] = Tasks.Count,
            ["chunks_size"] = 1000,
            ["data_files_size_in_mb"] = 100,
            ["video_files_size_in_mb"] = 200,
            ["fps"] = _fps,
            ["splits"] = new JsonObject { ["train"] = $"0:{_episodes.Count}" },
            ["data_path"] = "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet",
            ["video_path"] = cameras.Count > 0 ? "videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4" : null,
            ["features"] = features,
        };
    }

    private int TaskIndex(int episode) => _taskIndex[_episodes[episode].Instruction];

    private JsonObject Vector(string dtype, int dim, string? namePrefix) => new()
    {
        ["dtype"] = dtype,
        ["shape"] = new JsonArray(dim),
        ["names"] = namePrefix is null ? null : new JsonArray(Enumerable.Range(0, dim).Select(i => (JsonNode)$"{namePrefix}_{i}").ToArray()),
        ["fps"] = _fps,
    };

    private JsonObject Video()
    {
        var (h, w) = (_episodes[0].Height, _episodes[0].Width);
        return new JsonObject
        {
            ["dtype"] = "video",
            ["shape"] = new JsonArray(h, w, 3),
            ["names"] = new JsonArray("height", "width", "channels"),
            ["info"] = new JsonObject
            {
                ["video.height"] = h, ["video.width"] = w, ["video.codec"] = VideoEncoder.Codec, ["video.pix_fmt"] = VideoEncoder.PixelFormat,
                ["video.fps"] = _fps, ["video.channels"] = 3, ["video.g"] = VideoEncoder.Gop, ["is_depth_map"] = false, ["has_audio"] = false,
            },
        };
    }
}
