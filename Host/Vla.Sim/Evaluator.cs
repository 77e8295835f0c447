using System.Collections.Concurrent;
using System.Diagnostics;
using Vla.Sim.Data;
using Vla.Sim.Engine;
using Vla.Sim.Evaluation;

namespace Vla.Sim;

/// <summary>
/// Closed-loop evaluation of a chunking policy on a suite: N trials per task, each reset with its own
/// seed derived from the request's base seed; optional Markdown table and GIF rollouts.
/// </summary>
public static class Evaluator
{
    /// <summary>One shared policy; with Workers > 1 its calls are serialised (only the simulation runs in parallel).</summary>
    public static EvaluationResult Run(IChunkPolicy policy, EvaluationRequest request, IProgress<EpisodeRecord>? progress = null)
    {
        var gate = new object();
        var serialised = new LockedPolicy(policy, gate);
        return Run(() => serialised, request, progress);
    }

    /// <summary>One policy instance per worker (from the factory), so workers never share policy state.</summary>
    /// <remarks><paramref name="progress"/> hears about every finished episode (from worker threads).</remarks>
    public static EvaluationResult Run(Func<IChunkPolicy> policyFactory, EvaluationRequest request, IProgress<EpisodeRecord>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.TrialsPerTask, 1);
        var tasks = DemoWriter.SelectTasks(request.Suite, request.Tasks, request.TasksCount, request.TasksSeed, request.TargetsPerScene);
        // Every task of the suite, not only those selected: a failure may have followed any of their instructions.
        var suiteTasks = SimCatalog.SuiteTasks(request.Suite, request.TasksCount, request.TasksSeed, request.TargetsPerScene);
        var jobs = tasks.SelectMany(t => Enumerable.Range(0, request.TrialsPerTask).Select(j => (t.Task, t.Index, Trial: j))).ToList();
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, jobs.Count));
        var records = new EpisodeRecord[jobs.Count];
        var files = new ConcurrentBag<string>();
        if (request.OutputDir != null) Directory.CreateDirectory(request.OutputDir);
        var sw = Stopwatch.StartNew();
        int workers = Math.Clamp(request.Workers, 1, Math.Max(1, Environment.ProcessorCount));
        var threads = Enumerable.Range(0, workers).Select(_ => Task.Run(() =>
        {
            using var env = new SimEnv(request.ImageSize, request.ImageSize);
            var policy = policyFactory();
            while (queue.TryDequeue(out int i))
            {
                var job = jobs[i];
                env.Load(job.Task);
                int seed = SeedMixer.Derive(request.Seed, SeedMixer.EvalSalt, job.Index, job.Trial);
                bool gif = request.OutputDir != null && job.Trial < request.GifsPerTask;
                var frames = gif ? new RolloutFrames(env.Height, env.Width) : null;
                records[i] = EpisodeRunner.Run(env, job.Task, seed, policy, frames, suiteTasks);
                progress?.Report(records[i]);
                if (frames != null) files.Add(SaveGif(frames, request.OutputDir!, records[i], job.Trial));
            }
        })).ToArray();
        try { Task.WaitAll(threads); }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            // Surface e.g. SimUnavailableException itself rather than a wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        return Summarise(request, records, files, sw.Elapsed.TotalSeconds,
            tasks.ToDictionary(t => t.Task.Info.Name, t => t.Task.Info.Instruction));
    }

    private static string SaveGif(RolloutFrames frames, string dir, EpisodeRecord record, int trial)
    {
        string path = Path.Combine(dir, $"{record.Task}_trial{trial}_{(record.Success ? "success" : "fail")}.gif");
        frames.SaveGif(path);
        return path;
    }

    private static EvaluationResult Summarise(EvaluationRequest request, EpisodeRecord[] records, IEnumerable<string> files, double seconds,
        IReadOnlyDictionary<string, string> instructions)
    {
        var perTask = records.GroupBy(r => r.Task).ToDictionary(g => g.Key, g => g.Average(r => r.Success ? 1.0 : 0.0));
        var written = files.Order().ToList();
        if (request.OutputDir != null)
        {
            string table = Path.Combine(request.OutputDir, $"success_{request.Suite}.md");
            File.WriteAllText(table, SuccessTable.Build(request.Suite, records, instructions));
            written.Insert(0, table);
        }
        double rate = records.Average(r => r.Success ? 1.0 : 0.0);
        return new EvaluationResult(request.Suite, rate, perTask, records, written, seconds);
    }

    private sealed class LockedPolicy(IChunkPolicy inner, object gate) : IChunkPolicy
    {
        public float[][] PredictChunk(SimObservation observation)
        {
            lock (gate) return inner.PredictChunk(observation);
        }

        public IChunkPolicy ForEpisode()
        {
            lock (gate)
            {
                var episode = inner.ForEpisode();
                return ReferenceEquals(episode, inner) ? this : new LockedPolicy(episode, gate);
            }
        }
    }
}
