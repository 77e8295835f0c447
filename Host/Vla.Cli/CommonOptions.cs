using System.CommandLine;
using Vla.Core.Plugins;

namespace Vla.Cli;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "print one JSON object as the last line (for scripts)" };

    public static Option<string[]> Plugins() => new("--plugins")
    {
        Description = $"extra plugin folders (each holds <Name>/<Name>.dll); also ${PluginFolders.EnvironmentVariable} or ~/.vla/plugins",
        AllowMultipleArgumentsPerToken = true,
    };

    public static PartCatalog LoadCatalog(string[]? extra)
    {
        var catalog = PartCatalog.Load(PluginFolders.Default(extra));
        foreach (var error in catalog.Errors)
            Console.Error.WriteLine($"warning: plugin '{error.Plugin}' did not load: {error.Reason}");
        return catalog;
    }
}
