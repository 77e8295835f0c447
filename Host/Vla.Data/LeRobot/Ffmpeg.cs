using System.ComponentModel;
using System.Diagnostics;
using Vla.Abstractions;

namespace Vla.Data.LeRobot;

/// <summary>
/// The `ffmpeg` command-line tool, which decodes and encodes LeRobot's mp4 files (no managed H.264/AV1 codec exists;
/// the CLI is what LeRobot itself relies on through PyAV/torchcodec's libraries). Missing -> a clear error with the fix.
/// </summary>
internal sealed class Ffmpeg(string executable)
{
    public const string InstallHint = "LeRobot videos need ffmpeg: apt-get install ffmpeg (Debian/Ubuntu), then run the command again";

    public string Executable { get; } = executable;

    /// <summary>Starts ffmpeg with stdout and stderr redirected (stdin too when <paramref name="writeStdin"/>).</summary>
    public Process Start(IEnumerable<string> arguments, bool writeStdin, string purpose)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = writeStdin,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        try
        {
            return Process.Start(info) ?? throw new VlaException($"ffmpeg did not start ({purpose})", InstallHint);
        }
        catch (Win32Exception e)
        {
            throw new VlaException($"cannot run '{Executable}' to {purpose}: {e.Message}", InstallHint);
        }
    }

    /// <summary>Whether this ffmpeg build has the named encoder (e.g. libx264rgb), from `ffmpeg -encoders`.</summary>
    public bool HasEncoder(string name)
    {
        using var process = Start(["-hide_banner", "-encoders"], writeStdin: false, "list its encoders");
        var stderr = process.StandardError.ReadToEndAsync();
        var list = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = stderr.Result;
        return list.Split('\n').Any(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var n, ..] && n == name);
    }

    /// <summary>Ends a process we started (and its children) if it still runs, e.g. once every needed frame was read.</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}
