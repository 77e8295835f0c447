using Vla.Sim;

namespace Vla.Cli.Sim;

/// <summary>Scripted-expert demonstrations for one or more suites, with a progress bar over tasks.</summary>
internal static class SuiteDemos
{
    public sealed record Result(double ExpertSuccessRate, IReadOnlyList<string> Files, int Episodes, long Frames, double Seconds,
        IReadOnlyDictionary<string, double> PerSuite, IReadOnlyList<string> Folders);

    /// <summary>One suite writes into <paramref name="outDir"/>; several write into outDir/&lt;suite&gt;/.
    /// <paramref name="pretrainTasks"/>: how many generated tasks the `pretrain` family records.</summary>
    public static Result Generate(IReadOnlyList<string> suites, int episodesPerTask, string outDir, int seed, int imageSize,
        int workers, bool quiet, IReadOnlyList<string>? tasks = null, int pretrainTasks = 0)
    {
        var total = suites.Sum(s => tasks?.Count ?? (s == SimCatalog.Pretrain ? pretrainTasks : SimCatalog.Tasks(s).Count));
        var summaries = ProgressView.Count($"demos x{episodesPerTask}/task", total, quiet, progress =>
            suites.Select(suite => (suite, summary: DemoWriter.Write(
                new DemoRequest(suite, episodesPerTask, FolderOf(outDir, suite, suites.Count), seed, imageSize, tasks, workers, pretrainTasks),
                new TaskDone(progress)))).ToList());
        return new Result((double)summaries.Sum(s => s.summary.Episodes) / summaries.Sum(s => s.summary.Attempts), summaries.SelectMany(s => s.summary.Files).ToList(),
            summaries.Sum(s => s.summary.Episodes), summaries.Sum(s => s.summary.Frames), summaries.Sum(s => s.summary.Seconds),
            summaries.ToDictionary(s => s.suite, s => s.summary.ExpertSuccessRate),
            suites.Select(s => FolderOf(outDir, s, suites.Count)).ToList());
    }

    public static string FolderOf(string outDir, string suite, int suiteCount) =>
        suiteCount == 1 ? outDir : Path.Combine(outDir, suite);

    /// <summary>DemoWriter reports "task: kept/attempts ..." per finished task; keep the task name only.</summary>
    private sealed class TaskDone(IProgress<string> inner) : IProgress<string>
    {
        public void Report(string value) => inner.Report(value.Split(':')[0]);
    }
}
