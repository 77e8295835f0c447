using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.Data.LeRobot;

/// <summary>
/// Writes episodes as a LeRobot v3.0 dataset: meta/{info.json, stats.json, tasks.parquet, episodes/chunk-000/file-000.parquet},
/// data/chunk-000/file-000.parquet (one row group per episode) and one lossless mp4 per camera
/// (videos/observation.images.&lt;camera&gt;/chunk-000/file-000.mp4, episodes back to back). Atomic: everything goes into
/// a hidden temp folder beside the output, renamed at the end, so a failed export leaves no output folder.
/// One data file and one video file per camera, whatever the size (LeRobot splits at 100/200 MB, but reads either).
/// </summary>
public static class LeRobotWriter
{
    public const string CodebaseVersion = "v3.0";
    internal const string DataFile = "data/chunk-000/file-000.parquet";
    internal const string EpisodesFile = "meta/episodes/chunk-000/file-000.parquet";

    public static ImportResult Write(IReadOnlyList<Episode> episodes, string outDir, LeRobotWriteOptions? options = null)
    {
        options = (options ?? new LeRobotWriteOptions()).Validate();
        var clock = Stopwatch.StartNew();
        var cameras = CheckEpisodes(episodes);
        var target = AtomicFolder.Target(outDir, "export");
        var ffmpeg = new Ffmpeg(options.FfmpegPath);
        if (cameras.Count > 0 && !ffmpeg.HasEncoder(VideoEncoder.Encoder))
            throw new VlaException($"'{ffmpeg.Executable}' has no {VideoEncoder.Encoder} encoder, needed for lossless mp4 videos", Ffmpeg.InstallHint);
        var files = AtomicFolder.Write(target, "export", temp => WriteInto(temp, episodes, cameras, options, ffmpeg));
        return new ImportResult(episodes.Count, episodes.Sum(e => (long)e.Length), clock.Elapsed.TotalSeconds, target,
            files.Select(f => Path.Combine(target, f)).ToList());
    }

    /// <summary>Writes every file; returns their paths relative to <paramref name="root"/>.</summary>
    private static List<string> WriteInto(string root, IReadOnlyList<Episode> episodes, IReadOnlyList<string> cameras,
        LeRobotWriteOptions options, Ffmpeg ffmpeg)
    {
        var layout = new LeRobotTables(episodes, options.Fps);
        ParquetTableWriter.Write(Path.Combine(root, DataFile), layout.DataColumns(), layout.EpisodeRowGroups);
        var files = new List<string> { DataFile };
        var stats = layout.Statistics();
        foreach (var camera in cameras)
        {
            var key = LeRobotFeature.CameraPrefix + camera;
            var video = $"videos/{key}/chunk-000/file-000.mp4";
            var frames = episodes.SelectMany(e => e.Frames[camera]);
            VideoEncoder.Write(ffmpeg, Path.Combine(root, video), episodes[0].Height, episodes[0].Width, options.Fps, frames);
            stats[key] = LeRobotStatistics.Camera(episodes.SelectMany(e => e.Frames[camera]));
            files.Add(video);
        }
        ParquetTableWriter.Write(Path.Combine(root, EpisodesFile), layout.EpisodeColumns(cameras), [(0, episodes.Count)]);
        ParquetTableWriter.Write(Path.Combine(root, "meta/tasks.parquet"), layout.TaskColumns(), [(0, layout.Tasks.Count)], LeRobotTables.PandasTaskIndex);
        var json = new JsonSerializerOptions { WriteIndented = true };
        File.WriteAllText(Path.Combine(root, "meta/stats.json"), stats.ToJsonString(json));
        File.WriteAllText(Path.Combine(root, LeRobotInfo.RelativePath), layout.Info(cameras, options.RobotType).ToJsonString(json));
        files.AddRange([EpisodesFile, "meta/tasks.parquet", "meta/stats.json", LeRobotInfo.RelativePath]);
        return files;
    }

    /// <summary>Valid episodes of one shape and camera set; returns the camera names (in the first episode's order).</summary>
    private static List<string> CheckEpisodes(IReadOnlyList<Episode> episodes)
    {
        if (episodes.Count == 0) throw new VlaException("no episodes to write", "the input dataset is empty");
        var first = episodes[0];
        var cameras = first.Frames.Keys.ToList();
        foreach (var e in episodes)
        {
            e.Validate();
            EpisodeShapes.RequireSame(first, [e]);
            if (!e.Frames.Keys.Order().SequenceEqual(cameras.Order()))
                throw new VlaException($"{e.Source}: cameras {string.Join(", ", e.Frames.Keys)} but {first.Source} has {string.Join(", ", cameras)}",
                    "every episode needs the same cameras: choose common ones (--cameras)");
        }
        if (first.Actions[0].Length == 0) throw new VlaException($"{first.Source}: actions have no dimensions");
        return cameras;
    }
}
