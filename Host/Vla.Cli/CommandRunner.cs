using System.CommandLine;
using Vla.Abstractions;

namespace Vla.Cli;

/// <summary>Runs a command; a <see cref="VlaException"/> becomes "error: ... / hint: ..." and exit code 2, never a
/// stack trace. Anything unexpected exits 1 with its message (VLA_DEBUG=1 shows the trace).</summary>
internal static class CommandRunner
{
    public const int UserError = 2;
    public const int InternalError = 1;

    public static int Invoke(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine("hint: see `vla --help` or `vla <command> --help`");
            return UserError;
        }
        return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>Wraps a command body with the error policy above.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (VlaException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            if (e.Hint is not null) Console.Error.WriteLine($"hint: {e.Hint}");
            return UserError;
        }
        catch (Vla.Sim.UnknownSimNameException e)
        {
            Console.Error.WriteLine($"error: {e.Message.Replace(" (Parameter '" + e.ParamName + "')", "")}");
            Console.Error.WriteLine("hint: `vla sim tasks` lists suites and tasks");
            return UserError;
        }
        catch (Vla.Sim.SimUnavailableException e)
        {
            Console.Error.WriteLine($"error: the simulator cannot run here: {e.Message}");
            Console.Error.WriteLine("hint: ./vla installs libmujoco-dev libosmesa6 libegl1 on Debian (as root); then run the command again");
            return UserError;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted: the last checkpoint is intact; continue with --resume");
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine("hint: check the path, free disk space and permissions");
            return UserError;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("VLA_DEBUG") != "1")
        {
            Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine("hint: this is a bug in vla; re-run with VLA_DEBUG=1 for details and report it");
            return InternalError;
        }
    }
}
