using System.Collections.Concurrent;
using System.Diagnostics;
using Vla.Sim.Data;
using Vla.Sim.Engine;
using Vla.Sim.Expert;
using Vla.Sim.Scene;
using Vla.Sim.Tasks;

namespace Vla.Sim;

/// <summary>
/// Records scripted-expert demonstrations, one HDF5 file per task (LIBERO/robomimic layout, see
/// <see cref="Hdf5DemoFile"/>). Only successful episodes are kept; failures are retried with new seeds.
/// Tasks run in parallel, each worker with its own environment and GL context.
/// </summary>
public static class DemoWriter
{
    public static DemoSummary Write(DemoRequest request, IProgress<string>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.EpisodesPerTask, 1);
        var tasks = SelectTasks(request.Suite, request.Tasks, request.TasksCount, request.Seed, request.TargetsPerScene);
        var sw = Stopwatch.StartNew();
        var results = new ConcurrentBag<(string File, int Kept, int Attempts, long Frames)>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(request.Workers, 1, Environment.ProcessorCount) };
        Parallel.ForEach(tasks, options, item =>
        {
            var r = RecordTask(item.Task, item.Index, request);
            results.Add(r);
            progress?.Report($"{item.Task.Info.Name}: {r.Kept}/{r.Attempts} expert successes, {r.Frames} frames -> {r.File}");
        });
        int kept = results.Sum(r => r.Kept), attempts = results.Sum(r => r.Attempts);
        return new DemoSummary(results.Select(r => r.File).Order().ToList(), kept, attempts,
            results.Sum(r => r.Frames), sw.Elapsed.TotalSeconds);
    }

    internal static IReadOnlyList<(SimTask Task, int Index)> SelectTasks(string suite, IReadOnlyList<string>? names,
        int tasksCount = 0, int seed = 0, int targetsPerScene = 1)
    {
        var all = SimCatalog.SuiteTasks(suite, tasksCount, seed, targetsPerScene);
        var indexed = all.Select((t, i) => (t, i)).ToList();
        if (names is null || names.Count == 0) return indexed;
        return names.Select(n =>
        {
            int i = all.ToList().FindIndex(t => t.Info.Name == n);
            return i >= 0 ? (all[i], i) : throw new UnknownSimNameException("task", n ?? "", all.Select(t => t.Info.Name).ToList());
        }).ToList();
    }

    private static (string File, int Kept, int Attempts, long Frames) RecordTask(SimTask task, int taskIndex, DemoRequest request)
    {
        string path = Path.Combine(request.OutputDir, $"{task.Info.Name}_demo.hdf5");
        if (DemoManifest.TryReuse(path, request) is { } reused) return (path, reused.Kept, reused.Attempts, reused.Frames);
        using var env = new SimEnv(request.ImageSize, request.ImageSize);
        env.Load(task);
        var kept = new List<EpisodeBuffer>();
        int attempts = 0, maxAttempts = request.EpisodesPerTask * 3 + 10;
        while (kept.Count < request.EpisodesPerTask)
        {
            if (attempts >= maxAttempts)
                throw new InvalidOperationException($"expert failed too often on {task.Info.Name} ({kept.Count}/{attempts})");
            int seed = SeedMixer.Derive(request.Seed, SeedMixer.DemoSalt, taskIndex, attempts++);
            var episode = RecordEpisode(env, task, seed, MissGoal(task, seed, request.RetryFraction), Lying(task, seed, request.TippedFraction),
                Push(seed, request.PerturbedFraction));
            if (episode != null) kept.Add(episode);
        }
        Hdf5DemoFile.Write(path, task.Info, kept, env.Height, env.Width);
        long frames = kept.Sum(e => (long)e.Length);
        DemoManifest.Write(path, request, new DemoManifest.Entry(kept.Count, attempts, frames));
        return (path, kept.Count, attempts, frames);
    }

    /// <summary>Which goal's first grasp a retry episode misses (-1: a clean episode), drawn from the episode's seed.</summary>
    internal static int MissGoal(SimTask task, int seed, double retryFraction) =>
        Picked(seed, SeedMixer.RetrySalt, retryFraction) is { } rng ? rng.Next(task.Goals.Count) : -1;

    /// <summary>
    /// Which cylinder of the scene a tipped-start episode lays on its side, and its axis heading (null: every object
    /// upright), drawn from the episode's seed. Scenes without cylinders never tip one.
    /// </summary>
    internal static LyingObject? Lying(SimTask task, int seed, double tippedFraction)
    {
        var cylinders = task.Scene.Objects.Where(o => o.Shape == ShapeKind.Cylinder).ToList();
        return cylinders.Count > 0 && Picked(seed, SeedMixer.TipSalt, tippedFraction) is { } rng
            ? new LyingObject(cylinders[rng.Next(cylinders.Count)].Name, rng.NextDouble() * Math.PI)
            : null;
    }

    /// <summary>The push of a perturbed episode (null: the expert's path is executed as planned), drawn from the episode's seed.</summary>
    internal static PathPerturbation? Push(int seed, double perturbedFraction) =>
        Picked(seed, SeedMixer.PushSalt, perturbedFraction) is { } rng ? new PathPerturbation(rng) : null;

    /// <summary>Whether the episode of <paramref name="seed"/> is one of the <paramref name="fraction"/> a kind of
    /// recovery episode (told apart by <paramref name="salt"/>) picks; if so, the generator to draw its details from.</summary>
    private static Random? Picked(int seed, int salt, double fraction)
    {
        if (fraction <= 0) return null;
        var rng = new Random(SeedMixer.Derive(seed, salt, 0, 0));
        return rng.NextDouble() < fraction ? rng : null;
    }

    /// <summary>One expert rollout; null when it did not succeed within the task's step limit. With
    /// <paramref name="push"/>, the simulator executes the pushed action and the buffer keeps the expert's.</summary>
    internal static EpisodeBuffer? RecordEpisode(SimEnv env, SimTask task, int seed, int missGoal = -1, LyingObject? lying = null,
        PathPerturbation? push = null)
    {
        env.Reset(seed, lying);
        var expert = new ScriptedExpert(task, seed, missGoal);
        var buffer = new EpisodeBuffer { Seed = seed };
        while (env.StepCount < task.Info.MaxSteps)
        {
            var obs = env.Observe();
            var action = expert.Act(env);
            buffer.Add(obs, action, expert.GoalOffsets(env));
            if (!env.Step(push?.Apply(action) ?? action)) return null;
            if (env.IsSuccess()) return buffer;
        }
        return null;
    }
}
