using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Data.Streaming;

namespace Vla.Data;

/// <summary>
/// One `data/demo_i` group -> one <see cref="Episode"/>: actions (T, D), proprio = the plan's `obs/` keys concatenated,
/// frames of the plan's cameras resized while reading, so only the small frames stay in memory.
/// </summary>
internal static class DemoReader
{
    /// <summary>Our simulator's privileged localisation targets (<see cref="Episode.GoalOffsets"/>); other data has none.</summary>
    internal const string GoalOffsetsKey = "goal_offsets";

    /// <summary>Our simulator's privileged pointing targets (<see cref="Episode.GoalPixels"/>); other data has none.</summary>
    internal const string GoalPixelsKey = "goal_pixels";

    public static Episode Read(H5GroupView demo, string instruction, ReadPlan plan, FrameReader frameReader)
    {
        var (obs, actionsKey, actions, proprio, goals, pixels) = LowDimensional(demo, plan);
        var frames = new Dictionary<string, byte[][]>();
        var size = (Height: 0, Width: 0, Key: "");
        foreach (var camera in plan.Cameras)
        {
            var set = obs.Dataset(CameraKeys.Find(obs, camera));
            var (h, w, images) = frameReader.Read(set, actions.Length, actionsKey);
            size = EpisodeShapes.SameCameraSize(size, set, h, w);
            frames[camera] = images;
        }
        return new Episode(instruction, size.Height, size.Width, frames, proprio, actions, $"{demo.File}:{demo.Path}")
            { GoalOffsets = goals, GoalPixels = pixels }.Validate();
    }

    /// <summary>
    /// The demo without reading a frame (its <see cref="Episode.Frames"/> empty, its size the size frames will be read
    /// at), and where its frames are: what a streamed dataset keeps in memory. Checks what <see cref="Read"/> checks.
    /// </summary>
    public static (Episode Episode, FrameLocation Frames) Index(H5GroupView demo, string instruction, ReadPlan plan, int? imageSize)
    {
        var (obs, actionsKey, actions, proprio, goals, pixels) = LowDimensional(demo, plan);
        var cameras = new Dictionary<string, StoredCamera>();
        var size = (Height: 0, Width: 0, Key: "");
        foreach (var camera in plan.Cameras)
        {
            var set = obs.Dataset(CameraKeys.Find(obs, camera));
            var (h, w) = FrameReader.Check(set, actions.Length, actionsKey);
            set.RequireBytes();
            size = EpisodeShapes.SameCameraSize(size, set, imageSize ?? h, imageSize ?? w);
            cameras[camera] = new StoredCamera(set.Key, h, w);
        }
        var episode = new Episode(instruction, size.Height, size.Width, FrameLocation.NoFrames, proprio, actions, $"{demo.File}:{demo.Path}")
            { GoalOffsets = goals, GoalPixels = pixels };
        return (episode.Validate(), new FrameLocation(demo.File, cameras));
    }

    /// <summary>Actions (T, D), proprio and the simulator's goal offsets and pixels when present, checked; everything of a demo
    /// but its frames.</summary>
    private static (H5GroupView Obs, string ActionsKey, float[][] Actions, float[][] Proprio, float[][]? Goals, float[][]? Pixels) LowDimensional(
        H5GroupView demo, ReadPlan plan)
    {
        var actionsSet = demo.Dataset("actions");
        var dims = actionsSet.RequireRank("(T, action_dim)", 2);
        var length = checked((int)dims[0]);
        if (length == 0 || dims[1] == 0)
            throw new VlaException($"{demo.File}: '{actionsSet.Key}' has shape {actionsSet.ShapeText}: the episode is empty",
                "remove the empty demo from the file");
        if (demo.IntegerAttribute("num_samples") is { } samples && samples != length)
            throw new VlaException($"{demo.File}: {demo.Path}.attrs['num_samples'] is {samples} but '{actionsSet.Key}' has {length} steps",
                "the demo was written inconsistently: regenerate it");
        var actions = Rows(actionsSet.ReadFloats(), length, (int)dims[1]);
        var obs = demo.Group("obs");
        var goals = obs.Has(GoalOffsetsKey) ? Proprio(obs, [GoalOffsetsKey], length, actionsSet.Key) : null;
        var pixels = obs.Has(GoalPixelsKey) ? Proprio(obs, [GoalPixelsKey], length, actionsSet.Key) : null;
        return (obs, actionsSet.Key, actions, Proprio(obs, plan.ProprioKeys, length, actionsSet.Key), goals, pixels);
    }

    /// <summary>The proprio keys' columns side by side per step; a (T,) dataset counts as one column.</summary>
    private static float[][] Proprio(H5GroupView obs, IReadOnlyList<string> keys, int length, string actionsKey)
    {
        var parts = new List<(float[] Values, int Dim)>();
        foreach (var key in keys)
        {
            var set = obs.Dataset(key);
            var dims = set.RequireRank("(T,) or (T, D)", 1, 2);
            if (dims[0] != (ulong)length)
                throw new VlaException($"{obs.File}: '{set.Key}' has {dims[0]} steps but '{actionsKey}' has {length}",
                    "every obs/ dataset of a demo must have one row per action");
            parts.Add((set.ReadFloats(), dims.Length == 1 ? 1 : checked((int)dims[1])));
        }
        var total = parts.Sum(p => p.Dim);
        var rows = new float[length][];
        for (var t = 0; t < length; t++)
        {
            var row = rows[t] = new float[total];
            var column = 0;
            foreach (var (values, dim) in parts)
            {
                Array.Copy(values, t * dim, row, column, dim);
                column += dim;
            }
        }
        return rows;
    }

    /// <summary>Row-major (T, D) values -> T rows (shared with the ALOHA reader).</summary>
    internal static float[][] Rows(float[] values, int length, int dim)
    {
        var rows = new float[length][];
        for (var t = 0; t < length; t++) rows[t] = values.AsSpan(t * dim, dim).ToArray();
        return rows;
    }
}
