using PureHDF;
using Vla.Abstractions;
using Vla.Core.Data;

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

    public Episode Read(string file, string instruction)
    {
        if (new FileInfo(file).Length == 0)
            throw new VlaException($"{file}: the file is empty", "an interrupted download or write: re-download or regenerate it");
        using var h5 = Hdf5Guard.Run(file, "/", () => H5File.OpenRead(file));
        var root = new H5GroupView(file, "", h5, LayoutHint);
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
        var frames = new Dictionary<string, byte[][]>();
        var size = (Height: 0, Width: 0, Key: "");
        foreach (var camera in _cameras)
        {
            var set = images.Dataset(camera);
            if (set.Dimensions.Length == 2)   // real ALOHA recordings may store padded JPEG bytes (attrs['compress'])
                throw new VlaException($"{file}: '{set.Key}' has shape {set.ShapeText}: JPEG-compressed ALOHA images are not supported",
                    "decompress the images into (T, H, W, 3) uint8 arrays first (e.g. with cv2.imdecode in Python)");
            var (h, w, read) = _frames.Read(set, length, actionsSet.Key);
            if (size.Key.Length > 0 && (h, w) != (size.Height, size.Width))
                throw new VlaException($"{file}: '{set.Key}' frames are {h}x{w} but '{size.Key}' frames are {size.Height}x{size.Width}",
                    "cameras of different sizes need resizing on read: set an image size (the recipe's image_size does)");
            if (size.Key.Length == 0) size = (h, w, set.Key);
            frames[camera] = read;
        }
        return new Episode(instruction, size.Height, size.Width, frames, proprio, actions, file).Validate();
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
