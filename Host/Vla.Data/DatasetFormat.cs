using PureHDF;
using Vla.Abstractions;

namespace Vla.Data;

/// <summary>The on-disk dataset layouts we read; names as on the command line (`--format`).</summary>
public enum DatasetFormat
{
    /// <summary>LIBERO task files: data/demo_i/{actions, obs/&lt;camera&gt;_rgb, obs/ee_pos...} (our own layout too).</summary>
    LiberoHdf5,

    /// <summary>robomimic: the LIBERO layout with `_image` camera suffixes; read by the same reader.</summary>
    RobomimicHdf5,

    /// <summary>ACT/ALOHA: one episode per file, /action, /observations/qpos, /observations/images/&lt;camera&gt;.</summary>
    AlohaHdf5,

    /// <summary>LeRobot v3.0/v2.1: meta/info.json, Parquet data, mp4 videos (read by <see cref="LeRobot.LeRobotReader"/>).</summary>
    Lerobot,
}

/// <summary>Parsing, naming and detecting <see cref="DatasetFormat"/>s.</summary>
public static class DatasetFormats
{
    public static readonly IReadOnlyList<string> Names = ["libero-hdf5", "robomimic-hdf5", "aloha-hdf5", "lerobot"];

    public static string Name(DatasetFormat format) => Names[(int)format];

    public static DatasetFormat Parse(string name)
    {
        var index = Names.ToList().IndexOf(name.ToLowerInvariant());
        return index >= 0
            ? (DatasetFormat)index
            : throw new VlaException($"unknown dataset format '{name}'", $"use one of: {string.Join(", ", Names)}");
    }

    /// <summary>
    /// LeRobot when the folder holds meta/info.json; else, by the first HDF5 file:
    /// ALOHA when the first file has a dataset `/action` at its root; robomimic when its first demo has
    /// obs/robot0_eef_pos (robomimic's proprio naming); else LIBERO (whose reader's errors then explain what is wrong).
    /// </summary>
    public static DatasetFormat Detect(string path)
    {
        if (LeRobot.LeRobotInfo.IsDataset(path)) return DatasetFormat.Lerobot;
        var file = DatasetFiles.Find(path)[0];
        if (new FileInfo(file).Length == 0) return DatasetFormat.LiberoHdf5;   // the reader reports the empty file
        try
        {
            using var h5 = H5File.OpenRead(file);
            if (h5.LinkExists("action") && h5.Get("action") is IH5Dataset) return DatasetFormat.AlohaHdf5;
            if (h5.LinkExists("data") && h5.Get("data") is IH5Group data
                && DemoOrder.Sort(data.Children().OfType<IH5Group>().Select(g => g.Name)).FirstOrDefault() is { } demo
                && data.LinkExists($"{demo}/obs/robot0_eef_pos"))
                return DatasetFormat.RobomimicHdf5;
            return DatasetFormat.LiberoHdf5;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return DatasetFormat.LiberoHdf5;   // unreadable: the reader's error names the file and key
        }
    }
}
