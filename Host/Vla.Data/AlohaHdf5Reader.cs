using Vla.Core.Data;

namespace Vla.Data;

/// <summary>
/// Reads ACT/ALOHA demonstrations (one .hdf5 file per episode: `/action`, `/observations/qpos` as proprio,
/// `/observations/images/&lt;camera&gt;`) into episodes, in file-name order with numbers compared as numbers. Errors are <see cref="Vla.Abstractions.VlaException"/>s
/// naming the file and the key, as for <see cref="LiberoHdf5Reader"/>.
/// </summary>
public static class AlohaHdf5Reader
{
    /// <param name="path">a folder of episode files (top level only) or one file</param>
    public static List<Episode> Read(string path, AlohaReadOptions? options = null)
    {
        options = (options ?? new AlohaReadOptions()).Validate();
        var files = NaturalFileOrder.Sort(DatasetFiles.Find(path));
        var instruction = options.Instruction ?? InstructionFromFolder(path);
        var reader = new AlohaEpisodeReader(options);
        var episodes = new List<Episode>(files.Count);
        foreach (var file in files)
        {
            var episode = reader.Read(file, instruction);
            EpisodeShapes.RequireSame(episodes.Count > 0 ? episodes[0] : episode, [episode]);
            episodes.Add(episode);
        }
        return episodes;
    }

    /// <summary>The dataset folder's name (the file's folder for a single file), '_' read as spaces.</summary>
    internal static string InstructionFromFolder(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        var folder = File.Exists(full) ? Path.GetDirectoryName(full)! : full;
        return Path.GetFileName(folder).Replace('_', ' ').Trim();
    }
}
