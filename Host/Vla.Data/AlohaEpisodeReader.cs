using PureHDF;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Data.Streaming;

namespace Vla.Data;

/// <summary>
/// One ALOHA episode file -> one <see cref="Episode"/>. One instance per dataset: the camera list is fixed by the
/// first file (so every episode has the same cameras) and one <see cref="FrameReader"/> is reused.
/// </summary>
internal sealed class AlohaEpisodeReader(AlohaReadOptions options)
{
    internal const string LayoutHint =
        "expected the ACT/ALOHA layout: /action (T, 14), /observations/qpos (T, 14), /observations/images/<camera> (T, H, W, 3) uint8";

    private readonly FrameReader _frames = new(options.ImageSize);
    private IReadOnlyList<string>? _cameras = options.Cameras;

    public Episode Read(string file, string instruction) => Open(file, (images, actionsKey, actions, proprio) =>
    {
        var frames = new Dictionary<string, byte[][]>();
        var size = (Height: 0, Width: 0, Key: "");
        foreach (var camera in _cameras!)
        {
            var set = CameraSet(images, camera);
            var (h, w, read) = _frames.Read(set, actions.Length, actionsKey);
            size = EpisodeShapes.SameCameraSize(size, set, h, w);
            frames[camera] = read;
        }
        return new Episode(instruction, size.Height, size.Width, frames, proprio, actions, file).Validate();
    });

    /// <summary>The episode without reading a frame, and where its frames are (for streaming); the same checks as <see cref="Read"/>.</summary>
    public (Episode Episode, FrameLocation Frames) Index(string file, string instruction) => Open(file, (images, actionsKey, actions, proprio) =>
    {
        var cameras = new Dictionary<string, StoredCamera>();
        var size = (Height: 0, Width: 0, Key: "");
        foreach (var camera in _cameras!)
        {
            var set = CameraSet(images, camera);
            var (h, w) = FrameReader.Check(set, actions.Length, actionsKey);
            set.RequireBytes();
            size = EpisodeShapes.SameCameraSize(size, set, options.ImageSize ?? h, options.ImageSize ?? w);
            cameras[camera] = new StoredCamera(set.Key, h, w);
        }
        var episode = new Episode(instruction, size.Height, size.Width, FrameLocation.NoFrames, proprio, actions, file).Validate();
        return (episode, new FrameLocation(file, cameras));
    });

    /// <summary>Opens the file, reads and checks actions and qpos, fixes the cameras at the first file, then <paramref name="read"/>.</summary>
    private T Open<T>(string file, Func<H5GroupView, string, float[][], float[][], T> read)
    {
        if (new FileInfo(file).Length == 0)
            throw new VlaException($"{file}: the file is empty", "an interrupted download or write: re-download or regenerate it");
        var (h5, root) = H5GroupView.OpenRoot(file, hint: LayoutHint);
        using var _ = h5;
        var actionsSet = root.Dataset("action");
        var dims = actionsSet.RequireRank("(T, action_dim)", 2);
        var length = checked((int)dims[0]);
        if (length == 0 || dims[1] == 0)
            throw new VlaException($"{file}: '{actionsSet.Key}' has shape {actionsSet.ShapeText}: the episode is empty",
                "remove the empty episode file from the dataset");
        var actions = RequireFinite(DemoReader.Rows(actionsSet.ReadFloats(), length, (int)dims[1]), actionsSet);
        var observations = root.Group("observations");
        var qpos = observations.Dataset("qpos");
        var qposDims = qpos.RequireRank("(T, joints)", 2);
        if (qposDims[0] != (ulong)length)
            throw new VlaException($"{file}: '{qpos.Key}' has {qposDims[0]} steps but '{actionsSet.Key}' has {length}",
                "every observation must have one row per action");
        var proprio = RequireFinite(DemoReader.Rows(qpos.ReadFloats(), length, checked((int)qposDims[1])), qpos);
        var images = observations.Group("images");
        _cameras ??= Detect(images);
        return read(images, actionsSet.Key, actions, proprio);
    }

    private static H5DatasetView CameraSet(H5GroupView images, string camera)
    {
        var set = images.Dataset(camera);
        if (set.Dimensions.Length == 2)   // real ALOHA recordings may store padded JPEG bytes (attrs['compress'])
            throw new VlaException($"{set.File}: '{set.Key}' has shape {set.ShapeText}: JPEG-compressed ALOHA images are not supported",
                "decompress the images into (T, H, W, 3) uint8 arrays first (e.g. with cv2.imdecode in Python)");
        return set;
    }

    private static IReadOnlyList<string> Detect(H5GroupView images)
    {
        var cameras = images.ChildNames<IH5Dataset>();
        if (cameras.Count == 0)
            throw new VlaException($"{images.File}: '{images.Path}' has no camera datasets", LayoutHint);
        return cameras;
    }

    // Episode.Validate checks this too, but names LIBERO's keys; here the message names ALOHA's.
    private static float[][] RequireFinite(float[][] rows, H5DatasetView set)
    {
        for (var t = 0; t < rows.Length; t++)
            if (!rows[t].All(float.IsFinite))
                throw new VlaException($"{set.File}: '{set.Key}' has NaN or infinity at step {t}",
                    "clean or drop that episode; training on NaN would destroy the weights");
        return rows;
    }
}
