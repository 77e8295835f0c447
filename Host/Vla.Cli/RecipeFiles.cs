using Vla.Abstractions;

namespace Vla.Cli;

/// <summary>Finds a recipe by path or by built-in name (recipes/&lt;name&gt;.json shipped beside the CLI).</summary>
internal static class RecipeFiles
{
    public static string BuiltInFolder => Path.Combine(AppContext.BaseDirectory, "recipes");

    public static IReadOnlyList<string> BuiltInNames =>
        Directory.Exists(BuiltInFolder)
            ? Directory.GetFiles(BuiltInFolder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order().ToList()
            : [];

    public static Recipe Load(string nameOrPath)
    {
        var path = File.Exists(nameOrPath) ? nameOrPath : Path.Combine(BuiltInFolder, nameOrPath + ".json");
        if (!File.Exists(path))
            throw new VlaException($"recipe '{nameOrPath}' not found (no such file, and not a built-in recipe)",
                $"built-in recipes: {string.Join(", ", BuiltInNames)}; or pass a path to a .json file");
        return Recipe.FromFile(path);
    }
}
