using Vla.Abstractions;

namespace Vla.Data;

/// <summary>
/// Writes a dataset folder all at once: everything goes into a hidden temp folder beside the output (same file system)
/// and is renamed into place at the end, so a failure leaves no output folder at all and never a half-written one.
/// </summary>
internal static class AtomicFolder
{
    /// <summary>The full output path; refuses an existing non-empty folder or a file (<paramref name="verb"/>: "import", "export").</summary>
    public static string Target(string output, string verb)
    {
        var target = Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
            throw new VlaException($"--out '{target}' already exists", $"choose a new folder; {verb} never overwrites data");
        return target;
    }

    /// <summary>Runs <paramref name="write"/> on the temp folder, then renames it to <paramref name="target"/>.</summary>
    public static T Write<T>(string target, string verb, Func<string, T> write)
    {
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(target)}.{verb}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var result = write(temp);
            if (Directory.Exists(target)) Directory.Delete(target);   // checked empty by Target
            Directory.Move(temp, target);
            return result;
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }
}
