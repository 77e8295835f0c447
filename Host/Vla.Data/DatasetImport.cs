using System.Diagnostics;
using System.Text;
using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.Data;

/// <summary>
/// Converts a dataset of any <see cref="DatasetFormat"/> into our canonical one: LIBERO-layout HDF5, one
/// `&lt;instruction&gt;_demo.hdf5` per instruction (<see cref="LiberoHdf5Writer"/>), plus its dataset_statistics.json.
/// Atomic: everything is written into a hidden temp folder beside the output and renamed at the end, so a failed
/// import leaves no output folder at all.
/// </summary>
public static class DatasetImport
{
    public static ImportResult Run(string input, DatasetFormat format, DatasetReadOptions options, string output)
    {
        var clock = Stopwatch.StartNew();
        var target = Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
            throw new VlaException($"--out '{target}' already exists", "choose a new folder; import never overwrites data");
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        // Same parent, so the final rename stays on one file system (atomic) and the output never shows half-written.
        var temp = Path.Combine(parent, $".{Path.GetFileName(target)}.import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var episodes = DatasetReader.Read(input, format, options);
            var files = new List<string>();
            foreach (var group in episodes.GroupBy(e => e.Instruction))
            {
                var name = FileNameFor(group.Key, files);
                LiberoHdf5Writer.Write(Path.Combine(temp, name), group.ToList());
                files.Add(name);
            }
            // Stored now so `vla train --data OUT` starts without a statistics pass (the file names keep it valid).
            DatasetStatisticsCache.GetOrCompute(temp, new LiberoReadOptions(), episodes);
            if (Directory.Exists(target)) Directory.Delete(target);   // checked empty above
            Directory.Move(temp, target);
            return new ImportResult(episodes.Count, episodes.Sum(e => (long)e.Length), clock.Elapsed.TotalSeconds, target,
                files.Select(f => Path.Combine(target, f)).ToList());
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>LIBERO's naming (`pick_up_the_bowl_demo.hdf5`), so the file name alone still gives the instruction.</summary>
    private static string FileNameFor(string instruction, IReadOnlyCollection<string> taken)
    {
        var name = new StringBuilder();
        foreach (var c in instruction.Trim())
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        var stem = name.Length == 0 ? "task" : name.ToString();
        var file = $"{stem}_demo.hdf5";
        for (var i = 2; taken.Contains(file); i++) file = $"{stem}_{i}_demo.hdf5";   // instructions differing only in punctuation
        return file;
    }
}
