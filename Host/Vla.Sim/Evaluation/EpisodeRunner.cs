using Vla.Sim.Engine;
using Vla.Sim.Tasks;

namespace Vla.Sim.Evaluation;

/// <summary>
/// Runs one closed-loop episode: observe, ask the policy for a chunk, execute the whole chunk open-loop,
/// repeat until success or the task's step limit. Invalid chunks and policy exceptions end the episode (failed).
/// An <see cref="OutcomeTracker"/> watches every step so a failure is named (wrong object, missed grasp, ...); given the
/// suite's tasks, a failure is also checked for having carried out another task's instruction (<see cref="OtherInstruction"/>).
/// </summary>
internal static class EpisodeRunner
{
    internal static EpisodeRecord Run(SimEnv env, SimTask task, int seed, IChunkPolicy policy, RolloutFrames? frames,
        IReadOnlyList<SimTask>? suite = null)
    {
        env.Reset(seed);
        policy = policy.ForEpisode();
        var tracker = new OutcomeTracker(task, env.World());
        var obs = env.Observe();
        frames?.Add(obs);
        while (env.StepCount < task.Info.MaxSteps)
        {
            float[][] chunk;
            try { chunk = policy.PredictChunk(obs); }
            catch (Exception e) { return Stop(task, seed, env, tracker, suite, $"policy threw {e.GetType().Name}: {e.Message}"); }
            string? invalid = ActionValidator.Validate(chunk);
            if (invalid != null) return Stop(task, seed, env, tracker, suite, "invalid policy output: " + invalid);
            foreach (var action in chunk)
            {
                if (!env.Step(action)) return Stop(task, seed, env, tracker, suite, "physics diverged");
                var world = env.World();
                tracker.Step(action[6], env.EndEffector(), world);
                tracker.Tilts(env.CylinderTilts(), world);
                bool success = tracker.AllGoalsMet;
                if (frames != null || success || env.StepCount >= task.Info.MaxSteps) { obs = env.Observe(); frames?.Add(obs); }
                if (success) return Record(task, seed, env, tracker, suite, stopped: false, reason: null);
                if (env.StepCount >= task.Info.MaxSteps) break;
            }
            if (frames == null) obs = env.Observe();
        }
        return Record(task, seed, env, tracker, suite, stopped: false, "step limit reached");
    }

    private static EpisodeRecord Stop(SimTask task, int seed, SimEnv env, OutcomeTracker tracker, IReadOnlyList<SimTask>? suite,
        string reason) => Record(task, seed, env, tracker, suite, stopped: true, reason);

    private static EpisodeRecord Record(SimTask task, int seed, SimEnv env, OutcomeTracker tracker, IReadOnlyList<SimTask>? suite,
        bool stopped, string? reason)
    {
        var final = env.World();
        var (outcome, done) = tracker.Judge(final, stopped);
        return new EpisodeRecord(task.Info.Name, seed, outcome == EpisodeOutcome.Success, env.StepCount, outcome, reason)
        {
            GoalsDone = done, Grasp = tracker.FirstGrasp, Tipped = tracker.Tipped, FirstTipGoal = tracker.FirstTipGoal,
            FollowedTask = outcome == EpisodeOutcome.Success || suite is null ? null : OtherInstruction.Followed(task, suite, final),
        };
    }
}
