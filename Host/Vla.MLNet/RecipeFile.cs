using Vla.Abstractions;

namespace Vla.MLNet;

/// <summary>Reads a recipe JSON file with an error that names the path.</summary>
internal static class RecipeFile
{
    public static Recipe Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new VlaException($"recipe file '{Path.GetFullPath(path)}' does not exist", "see recipes/oft.json for an example");
        return Recipe.FromJson(File.ReadAllText(path), path);
    }
}
