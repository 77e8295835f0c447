using Vla.Sim.Tasks;

namespace Vla.Sim;

/// <summary>The suites and tasks the simulator offers (LIBERO-style: spatial, object, goal, long).</summary>
public static class SimCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<SimTask>>> All = new(() =>
        new Dictionary<string, IReadOnlyList<SimTask>>
        {
            [SpatialSuite.Name] = SpatialSuite.Tasks(),
            [ObjectSuite.Name] = ObjectSuite.Tasks(),
            [GoalSuite.Name] = GoalSuite.Tasks(),
            [LongSuite.Name] = LongSuite.Tasks(),
        });

    public static IReadOnlyList<string> Suites => All.Value.Keys.ToList();

    /// <summary>Tasks of a suite; throws <see cref="UnknownSimNameException"/> (listing valid names) for an unknown suite.</summary>
    public static IReadOnlyList<SimTaskInfo> Tasks(string suite) => SuiteTasks(suite).Select(t => t.Info).ToList();

    /// <summary>One task; throws <see cref="UnknownSimNameException"/> listing the suite's task names when unknown.</summary>
    public static SimTaskInfo Task(string suite, string task) => Find(suite, task).Info;

    internal static IReadOnlyList<SimTask> SuiteTasks(string suite) =>
        All.Value.TryGetValue(suite ?? "", out var tasks)
            ? tasks
            : throw new UnknownSimNameException("suite", suite ?? "", Suites);

    internal static SimTask Find(string suite, string task) =>
        SuiteTasks(suite).FirstOrDefault(t => t.Info.Name == task)
        ?? throw new UnknownSimNameException("task", task ?? "", SuiteTasks(suite).Select(t => t.Info.Name).ToList());
}
