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
        var target = AtomicFolder.Target(output, "import");
        var (count, frames, files) = AtomicFolder.Write(target, "import", temp =>
        {
            var episodes = DatasetReader.Read(input, format, options);
            var written = new List<string>();
            foreach (var group in episodes.GroupBy(e => e.Instruction))
            {
                var name = FileNameFor(group.Key, written);
                LiberoHdf5Writer.Write(Path.Combine(temp, name), group.ToList());
                written.Add(name);
            }
            // Stored now so `vla train --data OUT` starts without a statistics pass (the file names keep it valid).
            DatasetStatisticsCache.GetOrCompute(temp, new LiberoReadOptions(), episodes);
            return (episodes.Count, episodes.Sum(e => (long)e.Length), written);
        });
        return new ImportResult(count, frames, clock.Elapsed.TotalSeconds, target, files.Select(f => Path.Combine(target, f)).ToList());
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
