using Vla.Abstractions;

namespace Vla.Cli;

/// <summary>
/// The pretrained base checkpoint the repository ships (a run folder written by `vla pretrain`); `vla run` fine-tunes
/// from it, as the paper fine-tunes OpenVLA, unless told otherwise.
/// </summary>
internal static class ShippedBase
{
    public const string RelativePath = "models/base";

    /// <summary>An explicit --base must exist; without one, the shipped base is used when present and the model has its
    /// sizes (<paramref name="defaultSize"/>), else none.</summary>
    public static string? Resolve(string? explicitBase, bool defaultSize = true)
    {
        if (explicitBase is not null)
            return Directory.Exists(explicitBase)
                ? Path.GetFullPath(explicitBase)
                : throw new VlaException($"--base '{explicitBase}' does not exist", "pass a run folder written by `vla pretrain`, or --from-scratch");
        if (!defaultSize) return null;
        var shipped = Path.Combine(RepoRoot() ?? Directory.GetCurrentDirectory(), RelativePath);
        return Directory.Exists(shipped) ? shipped : null;
    }

    private static string? RepoRoot()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, "Framework.sln"))) return dir;
        return null;
    }
}
