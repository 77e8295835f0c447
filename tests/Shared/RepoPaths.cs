namespace Vla.Tests.Shared;

/// <summary>Where the repository is, seen from a test assembly's bin folder (recipes/, samples/ live there).</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "Framework.sln")))
                dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("Framework.sln not found above the test folder");
            return dir;
        }
    }

    public static string Recipes => Path.Combine(Root, "recipes");
}
