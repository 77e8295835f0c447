using Vla.Abstractions;

namespace Vla.Data;

/// <summary>The HDF5 files a `--data` path stands for: the path itself, or every .hdf5/.h5 file directly in the folder.</summary>
internal static class DatasetFiles
{
    private static readonly string[] Extensions = [".hdf5", ".h5"];

    /// <summary>Absolute paths in ordinal order, so episode order (and everything seeded from it) is stable across machines.</summary>
    public static IReadOnlyList<string> Find(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            if (!IsHdf5(full))
                throw new VlaException($"'{full}' is not an HDF5 file (expected .hdf5 or .h5)",
                    "pass a LIBERO task file or the folder holding them");
            return [full];
        }
        if (!Directory.Exists(full))
            throw new VlaException($"dataset path '{full}' does not exist", "pass a folder of LIBERO .hdf5 files or one such file");
        // Top level only: LIBERO suites are flat folders, and recursing would silently mix suites.
        var files = Directory.EnumerateFiles(full).Where(IsHdf5).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new VlaException($"no .hdf5 files in '{full}'",
                "LIBERO data is one <task>_demo.hdf5 file per task; point --data at the suite folder (e.g. libero_spatial)");
        return files;
    }

    // Hidden files are the temp files of atomic writers (ours: .<name>.<guid>.tmp, but be safe for others too).
    private static bool IsHdf5(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase) && !Path.GetFileName(path).StartsWith('.');
}
