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

    internal static IReadOnlyList<SimTask> Tasks(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var tasks = new List<SimTask>(count);
        var seen = new HashSet<string>();
        for (int i = 0; i < count; i++)
            for (int attempt = 0; ; attempt++)
            {
                var draft = PretrainTemplates.Draw(new Random(SeedMixer.Derive(seed, TaskSalt, i, attempt)));
                if (HeldOutTasks.Collides(draft.Scene, draft.Goals, draft.Instruction)) continue;
                // Repeats of an earlier task add no variety: draw again.
                if (!seen.Add(HeldOutTasks.Combination(draft.Scene, draft.Goals) + "|" + draft.Instruction)) continue;
                var info = new SimTaskInfo(Name, $"pt{i:D4}_{draft.Slug}", draft.Instruction, draft.MaxSteps);
                tasks.Add(new SimTask(info, draft.Scene, draft.Goals, draft.Layout));
                break;
            }
        return tasks;
    }
}
