using Vla.Sim.Engine;
using Vla.Sim.Tasks;

namespace Vla.Sim.Evaluation;

/// <summary>
/// Runs one closed-loop episode: observe, ask the policy for a chunk, execute the whole chunk open-loop,
/// repeat until success or the task's step limit. Invalid chunks and policy exceptions end the episode (failed).
/// An <see cref="OutcomeTracker"/> watches every step so a failure is named (wrong object, missed grasp, ...).
/// </summary>
internal static class EpisodeRunner
{
    internal static EpisodeRecord Run(SimEnv env, SimTask task, int seed, IChunkPolicy policy, RolloutFrames? frames)
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
            catch (Exception e) { return Stop(task, seed, env, tracker, $"policy threw {e.GetType().Name}: {e.Message}"); }
            string? invalid = ActionValidator.Validate(chunk);
            if (invalid != null) return Stop(task, seed, env, tracker, "invalid policy output: " + invalid);
            foreach (var action in chunk)
            {
                if (!env.Step(action)) return Stop(task, seed, env, tracker, "physics diverged");
                var world = env.World();
                tracker.Step(action[6], env.EndEffector(), world);
                tracker.Tilts(env.CylinderTilts(), world);
                bool success = tracker.AllGoalsMet;
                if (frames != null || success || env.StepCount >= task.Info.MaxSteps) { obs = env.Observe(); frames?.Add(obs); }
                if (success) return Record(task, seed, env, tracker, stopped: false, reason: null);
                if (env.StepCount >= task.Info.MaxSteps) break;
            }
            if (frames == null) obs = env.Observe();
        }
        return Record(task, seed, env, tracker, stopped: false, "step limit reached");
    }

    private static EpisodeRecord Stop(SimTask task, int seed, SimEnv env, OutcomeTracker tracker, string reason) =>
        Record(task, seed, env, tracker, stopped: true, reason);

    private static EpisodeRecord Record(SimTask task, int seed, SimEnv env, OutcomeTracker tracker, bool stopped, string? reason)
    {
        var (outcome, done) = tracker.Judge(env.World(), stopped);
        return new EpisodeRecord(task.Info.Name, seed, outcome == EpisodeOutcome.Success, env.StepCount, outcome, reason)
        {
            GoalsDone = done, Grasp = tracker.FirstGrasp, Tipped = tracker.Tipped, FirstTipGoal = tracker.FirstTipGoal,
        };
    }
}
