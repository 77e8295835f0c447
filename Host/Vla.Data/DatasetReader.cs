using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Data.Streaming;
using Vla.Data.Streaming;
using Vla.Data.LeRobot;

namespace Vla.Data;

/// <summary>Reads a dataset with the reader of its format, and its statistics cached beside it.</summary>
public static class DatasetReader
{
    public static List<Episode> Read(string path, DatasetFormat format, DatasetReadOptions options) => format switch
    {
        DatasetFormat.AlohaHdf5 => AlohaHdf5Reader.Read(path, Aloha(options)),
        DatasetFormat.Lerobot => LeRobotReader.Read(path, LeRobot(options)),
        _ => LiberoHdf5Reader.Read(path, Libero(options, format)),
    };

    /// <summary>
    /// The dataset indexed for streaming (`vla train --stream`): actions, proprio and instructions in memory, frames read
    /// one at a time while training, at the size <see cref="Read"/> would give. HDF5 formats only.
    /// </summary>
    public static IFrameStore Stream(string path, DatasetFormat format, DatasetReadOptions options) => format switch
    {
        DatasetFormat.AlohaHdf5 => Hdf5FrameStore.Aloha(path, Aloha(options)),
        DatasetFormat.Lerobot => throw new VlaException($"'{path}' is a LeRobot dataset: streaming reads HDF5 datasets (LIBERO, robomimic, ALOHA)",
            "train it without --stream, or convert it to LIBERO HDF5 first (vla import)"),
        _ => Hdf5FrameStore.Libero(path, Libero(options, format)),
    };

    /// <summary>Like <see cref="Stream(string, DatasetFormat, DatasetReadOptions)"/> over a list of LIBERO-layout task
    /// files in that order, e.g. the part of a demonstration cache a pretraining run asked for.</summary>
    public static IFrameStore Stream(IReadOnlyList<string> files, DatasetReadOptions options) =>
        Hdf5FrameStore.Libero(files, Libero(options, DatasetFormat.LiberoHdf5));

    /// <summary>The stored statistics when still valid, else null (nothing is read).</summary>
    public static DatasetStatistics? TryLoadStatistics(string path, DatasetFormat format, DatasetReadOptions options) => format switch
    {
        DatasetFormat.AlohaHdf5 => DatasetStatisticsCache.TryLoad(path, Aloha(options)),
        DatasetFormat.Lerobot => null,   // not cached (the cache fingerprints HDF5 files): computed from the episodes
        _ => DatasetStatisticsCache.TryLoad(path, Libero(options, format)),
    };

    /// <summary>The stored statistics when valid, else computed from <paramref name="episodes"/> and stored.</summary>
    public static DatasetStatistics Statistics(string path, DatasetFormat format, DatasetReadOptions options, IReadOnlyList<Episode> episodes) =>
        format switch
        {
            DatasetFormat.AlohaHdf5 => DatasetStatisticsCache.GetOrCompute(path, Aloha(options), episodes),
            DatasetFormat.Lerobot => StatisticsCalculator.Compute(episodes),
            _ => DatasetStatisticsCache.GetOrCompute(path, Libero(options, format), episodes),
        };

    // robomimic names its proprio differently (robot0_eef_pos...); everything else is the same reader.
    private static LiberoReadOptions Libero(DatasetReadOptions o, DatasetFormat format) => new(o.Cameras, o.ProprioKeys, o.Instruction, o.ImageSize,
        format == DatasetFormat.RobomimicHdf5 ? LiberoReadOptions.RobomimicProprioKeys : null);

    // LeRobot's proprio keys are feature names (default observation.state).
    private static LeRobotReadOptions LeRobot(DatasetReadOptions o) => new(o.Cameras, o.Instruction, o.ImageSize, o.ProprioKeys);

    private static AlohaReadOptions Aloha(DatasetReadOptions o) => o.ProprioKeys is null
        ? new(o.Cameras, o.Instruction, o.ImageSize)
        : throw new VlaException("proprio keys cannot be chosen for ALOHA data", "its proprio is always /observations/qpos");
}
