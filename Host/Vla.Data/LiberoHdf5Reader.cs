using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.Data;

/// <summary>
/// Reads LIBERO/robomimic demonstrations (one .hdf5 file per task, `data/demo_i/{actions, obs/...}`) into episodes.
/// Every problem is a <see cref="VlaException"/> naming the file and the key; nothing PureHDF throws escapes raw.
/// </summary>
public static class LiberoHdf5Reader
{
    /// <param name="path">a folder of task files (top level only) or one file</param>
    public static List<Episode> Read(string path, LiberoReadOptions? options = null)
    {
        options = (options ?? new LiberoReadOptions()).Validate();
        var episodes = new List<Episode>();
        var reader = new TaskFileReader(options);
        foreach (var file in DatasetFiles.Find(path))
        {
            var read = reader.Read(file);
            EpisodeShapes.RequireSame(episodes.Count > 0 ? episodes[0] : read[0], read);
            episodes.AddRange(read);
        }
        return episodes;
    }
}
