using System.Diagnostics;
using System.Text.Json;

namespace Vla.MLNet.Tests;

/// <summary>samples/MlNetPredict, built once per test run into the tests' output folder and run as a separate process.</summary>
internal static class SampleProgram
{
    private static readonly Lazy<string> Dll = new(Build);

    public static string RepoRoot => RepoPaths.Root;

    /// <summary>Runs the sample; returns its exit code, stdout and stderr.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll.Value);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }

    /// <summary>The "actions" rows of the sample's JSON, flattened k-major.</summary>
    public static float[] Actions(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("actions").EnumerateArray()
            .SelectMany(row => row.EnumerateArray().Select(v => v.GetSingle())).ToArray();

    private static string Build()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "MlNetPredict");   // beside the tests, rebuilt every run
        var project = Path.Combine(RepoRoot, "samples", "MlNetPredict", "MlNetPredict.csproj");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "build", project, "-o", output, "--nologo", "-v", "quiet" }) start.ArgumentList.Add(a);
        using var build = Process.Start(start)!;
        var stderr = build.StandardError.ReadToEndAsync();
        var log = build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0) throw new InvalidOperationException($"building the sample failed:\n{log}\n{stderr.Result}");
        return Path.Combine(output, "MlNetPredict.dll");
    }
}
