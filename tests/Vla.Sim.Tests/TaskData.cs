namespace Vla.Sim.Tests;

/// <summary>xunit member data: every (suite, task) pair of the catalog.</summary>
public static class TaskData
{
    public static IEnumerable<object[]> AllTasks() =>
        SimCatalog.Suites.SelectMany(s => SimCatalog.Tasks(s).Select(t => new object[] { s, t.Name }));
}
