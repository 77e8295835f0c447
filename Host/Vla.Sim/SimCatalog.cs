using Vla.Sim.Tasks;
using Vla.Sim.Tasks.Pretrain;

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

    /// <summary>Name of the procedural pretraining family (held out of <see cref="Suites"/>: it is not evaluated).</summary>
    public const string Pretrain = PretrainFamily.Name;

    /// <summary>
    /// <paramref name="count"/> generated pretraining tasks; none equals an evaluation task's scene objects and goals
    /// or its instruction. Task i depends only on (seed, i).
    /// </summary>
    public static IReadOnlyList<SimTaskInfo> PretrainTasks(int count, int seed = 0, int targetsPerScene = 1) =>
        PretrainFamily.Tasks(count, seed, targetsPerScene).Select(t => t.Info).ToList();

    /// <summary>A suite's tasks, or <paramref name="tasksCount"/> tasks of the pretraining family drawn from <paramref name="seed"/>.</summary>
    internal static IReadOnlyList<SimTask> SuiteTasks(string suite, int tasksCount, int seed, int targetsPerScene = 1) =>
        suite == Pretrain ? PretrainFamily.Tasks(tasksCount, seed, targetsPerScene) : SuiteTasks(suite);

    internal static IReadOnlyList<SimTask> SuiteTasks(string suite) =>
        All.Value.TryGetValue(suite ?? "", out var tasks)
            ? tasks
            : throw new UnknownSimNameException("suite", suite ?? "", Suites);

    internal static SimTask Find(string suite, string task) =>
        SuiteTasks(suite).FirstOrDefault(t => t.Info.Name == task)
        ?? throw new UnknownSimNameException("task", task ?? "", SuiteTasks(suite).Select(t => t.Info.Name).ToList());
}
