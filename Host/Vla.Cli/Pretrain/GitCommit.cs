using System.Diagnostics;

namespace Vla.Cli.Pretrain;

/// <summary>The checkout's commit (and whether tracked files differ from it), for provenance; null outside a git checkout.</summary>
internal static class GitCommit
{
    public static (string? Commit, bool? Dirty) Current()
    {
        // The code that ran is the checkout the CLI was built in; fall back to the working directory.
        foreach (var folder in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            var commit = Git("rev-parse HEAD", folder);
            if (commit is null) continue;
            var status = Git("--no-optional-locks status --porcelain --untracked-files=no", folder);
            return (commit, status is null ? null : status.Length > 0);
        }
        return (null, null);
    }

    // Read-only git queries (no index refresh, so no lock) with a timeout: provenance must never hang or fail a run.
    private static string? Git(string arguments, string folder)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(10_000)) { process.Kill(); return null; }
            return process.ExitCode == 0 ? output.Result.Trim() : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null; // git not installed
        }
    }
}
