namespace Vla.Core.Util;

/// <summary>
/// Shared libraries this process has mapped, read from /proc/self/maps (Linux): which libtorch TorchSharp loaded, whether
/// an allocator was preloaded. Empty where the file does not exist or cannot be read.
/// </summary>
internal static class MappedLibrary
{
    /// <summary>Full path of the first mapped file whose name is <paramref name="fileName"/>, or null.</summary>
    public static string? PathOf(string fileName) =>
        Paths().FirstOrDefault(p => Path.GetFileName(p) == fileName);

    /// <summary>True when a mapped file's name contains <paramref name="fragment"/> (e.g. "libjemalloc").</summary>
    public static bool Any(string fragment) => Paths().Any(p => Path.GetFileName(p).Contains(fragment, StringComparison.Ordinal));

    private static IEnumerable<string> Paths()
    {
        string[] lines;
        try { lines = File.ReadAllLines("/proc/self/maps"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
        // address perms offset dev inode pathname: the path is the sixth field, when there is one.
        return lines.Select(l => l.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 6 && f[5].StartsWith('/')).Select(f => f[5].Trim()).Distinct();
    }
}
