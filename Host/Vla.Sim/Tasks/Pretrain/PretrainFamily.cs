using Vla.Sim.Data;

namespace Vla.Sim.Tasks.Pretrain;

/// <summary>
/// The `pretrain` task family: N procedurally varied tasks for pretraining a base policy, none equal to an
/// evaluation task (see <see cref="HeldOutTasks"/>). Task i depends only on (seed, i), so the first N tasks are the
/// same for any larger N: a bigger pretraining set reuses the demonstrations already recorded for a smaller one.
/// </summary>
internal static class PretrainFamily
{
    internal const string Name = "pretrain";

    /// <summary>Salt of the task draws (demonstrations and evaluation use 1 and 2, see <see cref="SeedMixer"/>).</summary>
    private const int TaskSalt = 3;

    /// <summary>Salt of the scene draws with sibling tasks (its own stream of draws, apart from the one-task-per-scene mode).</summary>
    private const int SceneSalt = 4;

    /// <param name="targetsPerScene">1: every task has its own scene; N &gt; 1: up to N sibling tasks share each scene and
    /// differ only in the goal the instruction names (see <see cref="PretrainSiblings"/>)</param>
    internal static IReadOnlyList<SimTask> Tasks(int count, int seed, int targetsPerScene = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetsPerScene, 1);
        var tasks = new List<SimTask>(count);
        var seen = new HashSet<string>();
        // Held-out tasks are refused; so are repeats of an earlier task, which add no variety.
        bool Accept(PretrainDraft d) =>
            !HeldOutTasks.Collides(d.Scene, d.Goals, d.Instruction)
            && seen.Add(HeldOutTasks.Combination(d.Scene, d.Goals) + "|" + d.Instruction);
        void Add(PretrainDraft d)
        {
            var info = new SimTaskInfo(Name, $"pt{tasks.Count:D4}_{d.Slug}", d.Instruction, d.MaxSteps);
            tasks.Add(new SimTask(info, d.Scene, d.Goals, d.Layout));
        }
        if (targetsPerScene == 1)
            for (int i = 0; i < count; i++)
                for (int attempt = 0; ; attempt++)
                {
                    var draft = PretrainTemplates.Draw(new Random(SeedMixer.Derive(seed, TaskSalt, i, attempt)));
                    if (!Accept(draft)) continue;
                    Add(draft);
                    break;
                }
        else
            // Scenes are filled in order, so the first N tasks are still the same for any larger N.
            for (int scene = 0; tasks.Count < count; scene++)
                foreach (var draft in PretrainSiblings.Draw(new Random(SeedMixer.Derive(seed, SceneSalt, scene, 0)), targetsPerScene))
                    if (tasks.Count < count && Accept(draft)) Add(draft);
        return tasks;
    }
}
