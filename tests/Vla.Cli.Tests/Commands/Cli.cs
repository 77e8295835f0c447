using System.Text.Json;

namespace Vla.Cli.Tests.Commands;

/// <summary>Runs `vla` commands in-process (the same command tree as the executable) and captures their output.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        /// <summary>The `--json` object: the last line of stdout.</summary>
        public JsonElement Json => JsonDocument.Parse(Out.TrimEnd().Split('\n')[^1]).RootElement;
    }

    public static Result Run(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = CommandRunner.Invoke(VlaRoot.Create(), args);
            return new Result(code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    public static string TempFolder(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vla-cli-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
