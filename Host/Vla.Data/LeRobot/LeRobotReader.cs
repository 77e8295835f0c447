using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.Data.LeRobot;

/// <summary>
/// Reads a LeRobot dataset (v3.x, or v2.0/v2.1; told apart by meta/info.json's codebase_version) into episodes:
/// `action` -> actions, `observation.state` -> proprio, `observation.images.&lt;name&gt;` -> camera &lt;name&gt;, the
/// task text -> instruction. Parquet via Parquet.Net; mp4 frames via ffmpeg, one decoding pass per video file.
/// Every problem is a <see cref="VlaException"/> naming the file and the key.
/// </summary>
public static class LeRobotReader
{
    /// <param name="path">the dataset folder (holding meta/, data/, videos/)</param>
    public static List<Episode> Read(string path, LeRobotReadOptions? options = null)
    {
        options = (options ?? new LeRobotReadOptions()).Validate();
        var info = LeRobotInfo.Load(path);
        var plan = LeRobotReadPlan.Resolve(info, options);
        var tasks = LeRobotTasks.Load(info);
        var videoKeys = plan.Cameras.Where(c => c.IsVideo).Select(c => c.Key).ToList();
        var entries = LeRobotEpisodeEntry.Load(info, videoKeys);
        var sizer = new FrameSizer(options.ImageSize);
        var rows = entries.GroupBy(e => e.DataFile)
            .SelectMany(file => LeRobotDataFile.Read(file.Key, file.ToList(), info, plan, tasks, options.Instruction, sizer))
            .OrderBy(r => r.Entry.Index).ToList();
        var videos = new VideoFrameReader(new Ffmpeg(options.FfmpegPath), sizer);
        var frames = videoKeys.ToDictionary(key => key, key => Decode(videos, key, rows, info.Fps));
        var episodes = new List<Episode>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var episode = Assemble(rows[i], plan, frames, i, sizer);
            EpisodeShapes.RequireSame(episodes.Count > 0 ? episodes[0] : episode, [episode]);
            episodes.Add(episode);
        }
        return episodes;
    }

    /// <summary>Every episode's frames of one video feature, decoding each mp4 file once for all the episodes in it.</summary>
    private static (int Height, int Width, byte[][] Frames)[] Decode(VideoFrameReader videos, string key, List<LeRobotEpisodeRows> rows, int fps)
    {
        var result = new (int, int, byte[][])[rows.Count];
        var byFile = Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].Entry.Videos[key].File);
        foreach (var file in byFile)
        {
            var members = file.ToList();
            var times = members.Select(i => rows[i].Timestamps.Select(t => rows[i].Entry.Videos[key].From + t).ToArray()).ToList();
            var (height, width, frames) = videos.Read(file.Key, key, times, fps);
            for (var j = 0; j < members.Count; j++) result[members[j]] = (height, width, frames[j]);
        }
        return result;
    }

    private static Episode Assemble(LeRobotEpisodeRows rows, LeRobotReadPlan plan,
        Dictionary<string, (int Height, int Width, byte[][] Frames)[]> videoFrames, int position, FrameSizer sizer)
    {
        var cameras = new Dictionary<string, byte[][]>();
        var size = (Height: 0, Width: 0, Key: "");
        foreach (var camera in plan.Cameras)
        {
            var (nativeH, nativeW, frames) = camera.IsVideo ? videoFrames[camera.Key][position] : rows.Images[camera.Key];
            var (h, w) = sizer.Output(nativeH, nativeW);
            if (size.Key.Length > 0 && (h, w) != (size.Height, size.Width))
                throw new VlaException($"{rows.Source}: '{camera.Key}' frames are {h}x{w} but '{size.Key}' frames are {size.Height}x{size.Width}",
                    "cameras of different sizes need resizing on read: set an image size (the recipe's image_size does)");
            if (size.Key.Length == 0) size = (h, w, camera.Key);
            cameras[camera.CameraName] = frames;
        }
        return new Episode(rows.Instruction, size.Height, size.Width, cameras, rows.Proprio, rows.Actions, rows.Source).Validate();
    }
}
