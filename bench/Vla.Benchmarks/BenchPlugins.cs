using Vla.Core.Plugins;

namespace Vla.Benchmarks;

/// <summary>
/// The built-in plugins for benchmarks. BenchmarkDotNet runs each benchmark in a generated project whose folder has
/// no plugins/, so when the host's own folder lacks them we walk up to the repository's artifacts/plugins/.
/// </summary>
internal static class BenchPlugins
{
    public static PartCatalog Load()
    {
        var folder = PluginFolders.BuiltIn;
        for (var dir = AppContext.BaseDirectory; !Directory.Exists(folder) && dir is not null; dir = Path.GetDirectoryName(dir.TrimEnd('/')))
        {
            var candidate = Path.Combine(dir, "artifacts", "plugins");
            if (Directory.Exists(candidate)) folder = candidate;
        }
        var catalog = PartCatalog.Load([folder]);
        if (catalog.Errors.Count > 0)
            throw new InvalidOperationException($"plugins did not load: {string.Join("; ", catalog.Errors.Select(e => $"{e.Plugin}: {e.Reason}"))}");
        return catalog;
    }
}
