using Vla.Abstractions;
using Vla.Sim;

namespace Vla.Cli.Sim;

/// <summary>Resolves `--suite` (a name, a comma list or `all`) and finds a task's suite by its name.</summary>
internal static class SimSuites
{
    /// <param name="allowPretrain">also accept the `pretrain` task family (demos only: it is never evaluated, and `all`
    /// keeps meaning the four evaluation suites)</param>
    public static IReadOnlyList<string> Parse(string? suite, bool allowPretrain = false)
    {
        if (string.IsNullOrWhiteSpace(suite) || suite == "all") return SimCatalog.Suites;
        var names = suite.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in names)
            if (!SimCatalog.Suites.Contains(name) && !(allowPretrain && name == SimCatalog.Pretrain))
                throw new VlaException($"unknown suite '{name}'", $"valid suites: {string.Join(", ", SimCatalog.Suites)} (or 'all'){(allowPretrain ? $", or {SimCatalog.Pretrain}" : "")}");
        return names;
    }

    /// <summary>The suite holding <paramref name="task"/>; ambiguous or unknown names are refused with the choices.</summary>
    public static string SuiteOf(string task, string? suite)
    {
        if (!string.IsNullOrWhiteSpace(suite))
        {
            var s = Parse(suite).Single();
            if (SimCatalog.Tasks(s).All(t => t.Name != task))
                throw new VlaException($"suite '{s}' has no task '{task}'",
                    $"its tasks: {string.Join(", ", SimCatalog.Tasks(s).Select(t => t.Name))} (see `vla sim tasks --suite {s}`)");
            return s;
        }
        var holders = SimCatalog.Suites.Where(s => SimCatalog.Tasks(s).Any(t => t.Name == task)).ToList();
        return holders.Count switch
        {
            1 => holders[0],
            0 => throw new VlaException($"no suite has a task '{task}'", "list them with `vla sim tasks`"),
            _ => throw new VlaException($"task '{task}' is in several suites ({string.Join(", ", holders)})", "add --suite"),
        };
    }
}
