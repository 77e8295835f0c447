namespace Vla.Cli.Report;

/// <summary>The tasks of one suite, in the order the chart and the tables show them.</summary>
internal sealed record TaskGroup(string Suite, IReadOnlyList<TaskScore> Tasks)
{
    /// <summary>Suites in the order of the suite table, then any suite only the task list names; tasks keep input order.</summary>
    public static IReadOnlyList<TaskGroup> Of(IReadOnlyList<SuiteScore> suites, IReadOnlyList<TaskScore> tasks)
    {
        var order = suites.Select(s => s.Suite).Concat(tasks.Select(t => t.Suite)).Distinct().ToList();
        return order.Select(suite => new TaskGroup(suite, tasks.Where(t => t.Suite == suite).ToList()))
            .Where(g => g.Tasks.Count > 0).ToList();
    }
}
