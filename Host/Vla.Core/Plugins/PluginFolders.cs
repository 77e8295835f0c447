namespace Vla.Core.Plugins;

/// <summary>
/// Where plugins are looked for: the built-in parts beside the host (plugins/), then the user's folders from
/// VLA_PLUGINS (':'-separated) or ~/.vla/plugins. Each plugin is a sub-folder holding &lt;Name&gt;.dll.
/// </summary>
public static class PluginFolders
{
    public const string EnvironmentVariable = "VLA_PLUGINS";

    public static string BuiltIn => Path.Combine(AppContext.BaseDirectory, "plugins");

    public static IReadOnlyList<string> User()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return fromEnvironment.Split(':', StringSplitOptions.RemoveEmptyEntries);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return [Path.Combine(home, ".vla", "plugins")];
    }

    public static IReadOnlyList<string> Default(IEnumerable<string>? extra = null) =>
        [BuiltIn, .. User(), .. extra ?? []];
}
