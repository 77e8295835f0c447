using Vla.Sim.Engine;
using Vla.Sim.Tasks;

namespace Vla.Sim.Evaluation;

/// <summary>
/// Runs one closed-loop episode: observe, ask the policy for a chunk, execute the whole chunk open-loop,
/// repeat until success or the task's step limit. Invalid chunks and policy exceptions end the episode (failed).
/// </summary>
internal static class EpisodeRunner
{
    internal static EpisodeRecord Run(SimEnv env, SimTask task, int seed, IChunkPolicy policy, RolloutFrames? frames)
    {
        env.Reset(seed);
        var obs = env.Observe();
        frames?.Add(obs);
        while (env.StepCount < task.Info.MaxSteps)
        {
            float[][] chunk;
            try { chunk = policy.PredictChunk(obs); }
            catch (Exception e) { return Stop(task, seed, env, $"policy threw {e.GetType().Name}: {e.Message}"); }
            string? invalid = ActionValidator.Validate(chunk);
            if (invalid != null) return Stop(task, seed, env, "invalid policy output: " + invalid);
            foreach (var action in chunk)
            {
                if (!env.Step(action)) return Stop(task, seed, env, "physics diverged");
                bool success = env.IsSuccess();
                if (frames != null || success || env.StepCount >= task.Info.MaxSteps) { obs = env.Observe(); frames?.Add(obs); }
                if (success) return new EpisodeRecord(task.Info.Name, seed, true, env.StepCount);
                if (env.StepCount >= task.Info.MaxSteps) break;
            }
            if (frames == null) obs = env.Observe();
        }
        return new EpisodeRecord(task.Info.Name, seed, false, env.StepCount, "step limit reached");
    }

    private static EpisodeRecord Stop(SimTask task, int seed, SimEnv env, string reason) =>
        new(task.Info.Name, seed, false, env.StepCount, reason);
}
