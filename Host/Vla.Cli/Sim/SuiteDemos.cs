using Vla.Sim;

namespace Vla.Cli.Sim;

/// <summary>Scripted-expert demonstrations for one or more suites, with a progress bar over tasks.</summary>
internal static class SuiteDemos
{
    public sealed record Result(double ExpertSuccessRate, IReadOnlyList<string> Files, int Episodes, long Frames, double Seconds,
        IReadOnlyDictionary<string, double> PerSuite, IReadOnlyList<string> Folders);

    /// <summary>One suite writes into <paramref name="outDir"/>; several, or any number with <paramref name="suiteFolders"/>,
    /// write into outDir/&lt;suite&gt;/. A cache shared by runs of different suites needs suiteFolders: training reads every
    /// file of a folder, so a one-suite run would otherwise also train on another one-suite run's files.
    /// <paramref name="pretrainTasks"/>: how many generated tasks the `pretrain` family records.</summary>
    public static Result Generate(IReadOnlyList<string> suites, int episodesPerTask, string outDir, int seed, int imageSize,
        int workers, bool quiet, IReadOnlyList<string>? tasks = null, int pretrainTasks = 0, DemoMix? mix = null,
        bool suiteFolders = false, int targetsPerScene = 1)
    {
        mix ??= new DemoMix();
        string FolderOf(string suite) => suiteFolders || suites.Count > 1 ? Path.Combine(outDir, suite) : outDir;
        var total = suites.Sum(s => tasks?.Count ?? (s == SimCatalog.Pretrain ? pretrainTasks : SimCatalog.Tasks(s).Count));
        var summaries = ProgressView.Count($"demos x{episodesPerTask}/task", total, quiet, progress =>
            suites.Select(suite => (suite, summary: DemoWriter.Write(
                new DemoRequest(suite, episodesPerTask, FolderOf(suite), seed, imageSize, tasks, workers, pretrainTasks, mix.RetryFraction,
                    targetsPerScene, mix.TippedFraction, mix.PerturbedFraction),
                new TaskDone(progress)))).ToList());
        return new Result((double)summaries.Sum(s => s.summary.Episodes) / summaries.Sum(s => s.summary.Attempts), summaries.SelectMany(s => s.summary.Files).ToList(),
            summaries.Sum(s => s.summary.Episodes), summaries.Sum(s => s.summary.Frames), summaries.Sum(s => s.summary.Seconds),
            summaries.ToDictionary(s => s.suite, s => s.summary.ExpertSuccessRate),
            suites.Select(FolderOf).ToList());
    }

    /// <summary>
    /// One policy's demonstrations out of a run's (<paramref name="all"/>, recorded into <paramref name="cacheDir"/> with
    /// suite folders): all of them when the policy trains on every suite of the run, else its suites' folders, read back
    /// from the cache (nothing is recorded again).
    /// </summary>
    public static Result ForPolicy(IReadOnlyList<string> suites, Result all, int episodesPerTask, string cacheDir, int seed,
        int imageSize, DemoMix? mix = null) =>
        suites.Count == all.PerSuite.Count ? all
            : Generate(suites, episodesPerTask, cacheDir, seed, imageSize, Environment.ProcessorCount, quiet: true,
                mix: mix, suiteFolders: true);

    /// <summary>The cache folder name of a demonstration set: x50-seed0, or x50-seed0-retry20 with 20 % retry episodes
    /// (see <see cref="DemoMix.CacheSuffix"/>).</summary>
    public static string CacheName(int episodesPerTask, int seed, DemoMix? mix = null) =>
        $"x{episodesPerTask}-seed{seed}" + (mix ?? new DemoMix()).CacheSuffix;

    /// <summary>DemoWriter reports "task: kept/attempts ..." per finished task; keep the task name only.</summary>
    private sealed class TaskDone(IProgress<string> inner) : IProgress<string>
    {
        public void Report(string value) => inner.Report(value.Split(':')[0]);
    }
}
