using System.Text.Json;
using System.Text.Json.Serialization;
using Vla.Core.Training;

namespace Vla.Cli.Pretrain;

/// <summary>
/// provenance.json in a pretraining run folder: how to reproduce the base exactly. One session per invocation (a
/// resumed run appends one), each with the exact command line, seeds, data manifest hash, git commit, steps and wall
/// time; the top-level fields repeat the latest session so a reader needs only the first lines. A session is recorded
/// as "running" before it trains and replaced when it ends, so a killed invocation still leaves its command behind:
/// the next session marks it "interrupted" with the step it reached (its last checkpoint, where the next one resumed).
/// </summary>
internal sealed record PretrainProvenance(PretrainProvenance.Session Latest, double TotalWallSeconds, IReadOnlyList<PretrainProvenance.Session> Sessions)
{
    public const string FileName = "provenance.json";

    public sealed record Session(
        string Command, IReadOnlyList<string> Args, DateTime StartedUtc, string Recipe, int Seed, int TrainingSeed,
        int TasksCount, int EpisodesPerTask, int ImageSize, string Demos, string DataManifestSha256,
        IReadOnlyList<DataManifest.FileEntry> DataFiles, string? GitCommit, bool? GitDirty, int StartStep, int Steps,
        double WallSeconds, double TrainSeconds, double? FinalValidationLoss, string? Status = Completed, int TargetsPerScene = 1,
        double RetryFraction = 0, BaseSource? Base = null);

    /// <summary>The earlier stage a base continued from (`vla pretrain --base`): reproducing it needs that stage first.</summary>
    public sealed record BaseSource(string Run, string ModelSha256, int Step)
    {
        /// <summary>
        /// From the run folder's base.json; before the trainer has written it (a session's first "running" record),
        /// from the base run named by --base; null for a base trained from scratch.
        /// </summary>
        public static BaseSource? Of(RunFolder run, string? baseRun = null)
        {
            if (BaseInitialisation.Read(run) is { } b) return new BaseSource(b.BaseRun, b.BaseModelSha256, b.BaseStep);
            var source = baseRun is null ? null : new RunFolder(baseRun);
            if (source is null || !source.HasCheckpoint) return null;
            return new BaseSource(source.Path, FileSha256.Of(Path.Combine(source.LatestCheckpoint, Checkpoint.ModelFile)),
                Checkpoint.ReadState(source).Step);
        }
    }

    public const string Running = "running", Interrupted = "interrupted", Completed = "completed";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The record in <paramref name="runDir"/>, or null when it has none; a damaged file throws JsonException.</summary>
    public static PretrainProvenance? Read(string runDir)
    {
        var file = Path.Combine(runDir, FileName);
        return File.Exists(file) ? JsonSerializer.Deserialize<PretrainProvenance>(File.ReadAllText(file), Json) : null;
    }

    /// <summary>Adds a session to the run folder's record (earlier sessions of a resumed run are kept).</summary>
    /// <param name="trainedSeconds">a resumed session's checkpoint's training seconds (summed over every session): a
    /// killed session is credited with the training it did up to that checkpoint, which its own record never got</param>
    public static PretrainProvenance Append(RunFolder run, Session session, double? trainedSeconds = null)
    {
        var file = run.Combine(FileName);
        var earlier = Read(run.Path)?.Sessions ?? [];
        // A session that restarted from step 0 replaced the earlier run (a new run in the same folder).
        // This invocation's own "running" record is replaced; another one still "running" was killed.
        var others = session.StartStep == 0 ? [] : earlier.Where(s => s.StartedUtc != session.StartedUtc).ToList();
        double? killedTrained = trainedSeconds is { } total
            ? Math.Max(0, total - others.Where(s => s.Status != Running).Sum(s => s.TrainSeconds)) : null;
        var kept = others.Select(s => s.Status != Running ? s : s with
        {
            Status = Interrupted,
            Steps = session.StartStep,
            // Its set-up before training plus the training kept in the checkpoint (what came after it was lost).
            WallSeconds = killedTrained is { } k ? Math.Round(s.WallSeconds + k, 1) : s.WallSeconds,
            TrainSeconds = killedTrained is { } t ? Math.Round(t, 1) : s.TrainSeconds,
        }).ToList();
        var sessions = kept.Append(session).ToList();
        var record = new PretrainProvenance(session, Math.Round(sessions.Sum(s => s.WallSeconds), 1), sessions);
        AtomicFile.WriteAllText(file, JsonSerializer.Serialize(record, Json));
        return record;
    }
}
