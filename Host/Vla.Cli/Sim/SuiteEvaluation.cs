using Vla.Sim;

namespace Vla.Cli.Sim;

/// <summary>Closed-loop evaluation of one policy over several suites, with one progress bar over all episodes.</summary>
internal static class SuiteEvaluation
{
    public sealed record Result(double SuccessRate, IReadOnlyDictionary<string, double> PerSuite,
        IReadOnlyDictionary<string, double> PerTask, IReadOnlyList<EvaluationResult> Suites, double Seconds)
    {
        public IEnumerable<EpisodeRecord> Episodes => Suites.SelectMany(s => s.Episodes);

        public IEnumerable<string> Files => Suites.SelectMany(s => s.Files);
    }

    /// <summary>Writes each suite's table and GIFs into outDir/&lt;suite&gt;/ when outDir is set.</summary>
    public static Result Run(IChunkPolicy policy, IReadOnlyList<string> suites, int trialsPerTask, int seed, int imageSize,
        int workers, string? outDir, int gifsPerTask, bool quiet, IReadOnlyList<string>? tasks = null, PretrainEvalTasks? family = null)
    {
        var total = suites.Sum(s => (tasks?.Count ?? SimCatalog.Tasks(s).Count) * trialsPerTask);
        var results = ProgressView.Count("closed-loop eval", total, quiet, progress =>
        {
            var successes = 0;
            var done = 0;
            var perEpisode = new Progress(r =>
            {
                var ok = r.Success ? Interlocked.Increment(ref successes) : Volatile.Read(ref successes);
                progress.Report($"success {ok}/{Interlocked.Increment(ref done)}");
            });
            return suites.Select(suite => Evaluator.Run(policy,
                new EvaluationRequest(suite, trialsPerTask, seed, imageSize, workers,
                    outDir is null ? null : Path.Combine(outDir, suite), gifsPerTask, tasks,
                    family?.TasksCount ?? 0, family?.Seed ?? 0, family?.TargetsPerScene ?? 1), perEpisode)).ToList();
        });
        return Of(results);
    }

    /// <summary>The evaluations of several policies (one per suite) as one result.</summary>
    public static Result Combine(IReadOnlyList<Result> parts) => Of(parts.SelectMany(p => p.Suites).ToList());

    private static Result Of(IReadOnlyList<EvaluationResult> results) => new(
        results.Average(r => r.SuccessRate), // the paper's average: each suite weighs the same
        results.ToDictionary(r => r.Suite, r => r.SuccessRate),
        results.SelectMany(r => r.PerTask.Select(kv => (Key: $"{r.Suite}/{kv.Key}", kv.Value))).ToDictionary(x => x.Key, x => x.Value),
        results, results.Sum(r => r.Seconds));

    private sealed class Progress(Action<EpisodeRecord> report) : IProgress<EpisodeRecord>
    {
        public void Report(EpisodeRecord value) => report(value);
    }
}
