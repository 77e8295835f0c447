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
            RequireSameShapes(episodes.Count > 0 ? episodes[0] : read[0], read);
            episodes.AddRange(read);
        }
        return episodes;
    }

    /// <summary>Training stacks all episodes into one tensor per camera, so sizes and dims must agree across files.</summary>
    private static void RequireSameShapes(Episode first, IEnumerable<Episode> episodes)
    {
        foreach (var e in episodes)
        {
            if ((e.Height, e.Width) != (first.Height, first.Width))
                throw new VlaException($"{e.Source}: frames are {e.Height}x{e.Width} but {first.Source} has {first.Height}x{first.Width}",
                    "set an image size to resize on read (the recipe's image_size does)");
            if (e.Actions[0].Length != first.Actions[0].Length)
                throw new VlaException($"{e.Source}: actions have {e.Actions[0].Length} dimensions but {first.Source} has {first.Actions[0].Length}",
                    "all task files of a dataset must share one action space");
            if (e.Proprio[0].Length != first.Proprio[0].Length)
                throw new VlaException($"{e.Source}: proprio has {e.Proprio[0].Length} dimensions but {first.Source} has {first.Proprio[0].Length}",
                    "the proprio keys have different sizes in different files");
        }
    }
}
