using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Data.Streaming;
using Vla.Core.Model;
using Vla.Core.Plugins;
using Vla.Core.Text;
using Vla.Core.Util;
using static TorchSharp.torch;

namespace Vla.Core.Training;

/// <summary>
/// Trains a recipe: AdamW with warm-up + cosine, gradient clipping, validation on held-out episodes, atomic
/// checkpoints and exact resume. Randomness is a pure function of (seed, step) - batch choice, augmentation, the head's noise -
/// so a resumed run repeats the uninterrupted one bit for bit. Batches come from an <see cref="ITrainingSource"/>: the
/// episodes packed in memory, or frames streamed from an <see cref="IFrameStore"/> (datasets larger than memory).
/// </summary>
public static class Trainer
{
    private const int ValidationFramesMax = 256;
    private const int DecisionFramesMax = 128;

    public static TrainResult Train(Recipe recipe, IReadOnlyList<Episode> episodes, PartCatalog catalog, TrainOptions options) =>
        Train(recipe, episodes, catalog, options, (r, stats, tokenizer) => new TrainingData(r, episodes, stats, tokenizer));

    /// <summary>
    /// Trains from a dataset larger than memory: frames are read from <paramref name="store"/> by a worker thread ahead
    /// of the trainer, through a cache bounded by <paramref name="streaming"/>. The same data and seed give the same
    /// weights as the in-memory overload. The caller owns (and disposes) the store.
    /// </summary>
    public static TrainResult Train(Recipe recipe, IFrameStore store, PartCatalog catalog, TrainOptions options,
        StreamingOptions? streaming = null) =>
        Train(recipe, store.Episodes, catalog, options,
            (r, stats, tokenizer) => new StreamingTrainingData(r, store, stats, tokenizer, streaming ?? new StreamingOptions()));

    /// <param name="episodes">for statistics, tokenizer and validation; their frames may be absent (a store's)</param>
    /// <param name="open">makes the source batches are drawn from, once the run's statistics and tokenizer are known</param>
    private static TrainResult Train(Recipe recipe, IReadOnlyList<Episode> episodes, PartCatalog catalog, TrainOptions options,
        Func<Recipe, DatasetStatistics, InstructionTokenizer, ITrainingSource> open)
    {
        var run = new RunFolder(options.RunDir);
        Checkpoint.Recover(run);
        DenormalFlush.Enable();   // this thread; the CLI also sets it before libtorch's workers start
        var parts = PolicyParts.Resolve(recipe, catalog);            // refuse a bad combination before touching disk
        foreach (var e in episodes) e.Validate();
        // The localisation loss needs the simulator's goal offsets: other data (LIBERO, LeRobot, ML.NET rows) trains the
        // same recipe without it, and the run's recipe.json and result say so.
        var withoutGoals = recipe.Training.LocalizationWeight > 0 && episodes.Any(e => e.GoalOffsets is null);
        // Pointing also needs the front camera its targets are seen from.
        var withoutPixels = recipe.Training.PointingWeight > 0
                            && (episodes.Any(e => e.GoalPixels is null) || VlaPolicyModel.PointingCamera(recipe) < 0);
        var spec = recipe.Training with
        {
            Steps = options.Steps ?? recipe.Training.Steps,
            LocalizationWeight = withoutGoals ? 0 : recipe.Training.LocalizationWeight,
            PointingWeight = withoutPixels ? 0 : recipe.Training.PointingWeight,
        };
        recipe = recipe with { Training = spec };
        // A resumed run's checkpoint already holds what it took from its base.
        var baseRun = options.Resume || options.BaseRun is null ? null : BaseRun.Open(options.BaseRun, recipe);
        var (stats, tokenizer) = PrepareRun(run, recipe, episodes, options.Resume, options.Statistics, baseRun);
        if (options.DataSource is { } source) AtomicFile.WriteAllText(run.DataSourceFile, source);

        torch.manual_seed(spec.Seed);
        using var model = new VlaPolicyModel(recipe, parts, tokenizer.VocabularySize);
        if (baseRun is not null)
            AtomicFile.WriteAllText(run.Combine(BaseInitialisation.FileName), baseRun.Initialise(model, tokenizer.VocabularySize).ToJson());
        using var optimizer = new AdamW(model.named_parameters(), spec.WeightDecay);
        var (startStep, priorSeconds) = (0, 0.0);
        if (options.Resume)
        {
            Checkpoint.LoadModel(run.LatestCheckpoint, model);
            Checkpoint.LoadOptimizer(run.LatestCheckpoint, optimizer);
            var state = Checkpoint.ReadState(run);
            (startStep, priorSeconds) = (state.Step, state.WallSeconds);
            TrimMetrics(run, startStep);
        }
        using var data = open(recipe, stats, tokenizer);
        var (train, validation, decision) = Split(data, spec);
        var result = Loop(run, recipe, model, optimizer, data, train, validation, decision, startStep, priorSeconds, options);
        List<string> notes = [];
        if (withoutGoals) notes.Add(LocalizationOffNote);
        if (withoutPixels) notes.Add(PointingOffNote);
        return notes.Count > 0 ? result with { Notes = notes } : result;
    }

    internal const string LocalizationOffNote =
        "training.localization_weight was ignored: the data has no obs/goal_offsets (only the simulator's demonstrations record them)";

    internal const string PointingOffNote =
        "training.pointing_weight was ignored: it needs obs/goal_pixels (only the simulator's demonstrations record them; " +
        "`vla run` regenerates caches older than that) and an 'agentview' camera in the recipe";

    private static (DatasetStatistics, InstructionTokenizer) PrepareRun(RunFolder run, Recipe recipe,
        IReadOnlyList<Episode> episodes, bool resume, DatasetStatistics? precomputed, BaseRun? baseRun)
    {
        if (resume)
        {
            if (!run.HasCheckpoint)
                throw new VlaException($"--resume was given but '{run.Path}' has no checkpoint", "drop --resume to start a new run");
            var saved = run.ReadRecipe();
            if ((saved with { Training = recipe.Training }).ToJson() != recipe.ToJson())
                throw new VlaException($"the recipe differs from the one '{run.Path}' was trained with",
                    $"resume with the same recipe ({run.RecipeFile}), or train into a new --out folder");
            return (run.ReadStatistics(), run.ReadTokenizer());
        }
        if (run.HasCheckpoint)
            throw new VlaException($"'{run.Path}' already holds a trained run",
                "pass --resume to continue it, or choose another --out folder (nothing was overwritten)");
        var frames = episodes.Sum(e => (long)e.Length);
        if (precomputed is not null && precomputed.Frames != frames)
            throw new VlaException($"the given statistics cover {precomputed.Frames} frames but the data has {frames}",
                "they were computed from other data: recompute them (vla stats --data DIR)");
        if (precomputed is not null && episodes.Count > 0) CheckDimensions(precomputed, episodes[0]);
        var stats = precomputed ?? StatisticsCalculator.Compute(episodes);
        // From a base, its token ids are kept (its embedding rows are loaded) and new tokens are appended.
        var tokenizer = baseRun?.ExtendTokenizer(episodes.Select(e => e.Instruction), recipe.MaxInstructionTokens)
                        ?? InstructionTokenizer.Fit(episodes.Select(e => e.Instruction), recipe.MaxInstructionTokens);
        if (File.Exists(run.Combine(BaseInitialisation.FileName))) File.Delete(run.Combine(BaseInitialisation.FileName)); // stale
        AtomicFile.WriteAllText(run.RecipeFile, recipe.ToJson());
        AtomicFile.WriteAllText(run.StatisticsFile, stats.ToJson());
        AtomicFile.WriteAllText(run.TokenizerFile, tokenizer.ToJson());
        if (File.Exists(run.MetricsFile)) File.Delete(run.MetricsFile);
        return (stats, tokenizer);
    }

    /// <summary>Statistics of other data (another robot, a stale file) would normalise with the wrong bounds, or crash.</summary>
    private static void CheckDimensions(DatasetStatistics stats, Episode sample)
    {
        var proprio = sample.Proprio.Length > 0 ? sample.Proprio[0].Length : 0;
        if (stats.Action.Dim != sample.Actions[0].Length || (stats.Proprio?.Dim ?? 0) != proprio)
            throw new VlaException(
                $"the statistics describe {stats.Action.Dim}-D actions and {stats.Proprio?.Dim ?? 0}-D proprio, but the data has " +
                $"{sample.Actions[0].Length}-D actions and {proprio}-D proprio ({sample.Source})",
                "they belong to other data: delete dataset_statistics.json beside the data or recompute it (vla stats --data DIR)");
    }

    /// <summary>
    /// Held-out episodes (not frames: neighbouring frames of one episode are near-duplicates); of their frames, a sample and
    /// a sample of the decision frames. Training frames are listed once, decision frames <see cref="TrainingSpec.DecisionWeight"/> times.
    /// </summary>
    internal static (int[] Train, int[] Validation, int[] Decision) Split(ITrainingSource data, TrainingSpec spec)
    {
        var count = (int)Math.Round(data.EpisodeCount * spec.ValidationFraction);
        if (spec.ValidationFraction > 0 && data.EpisodeCount >= 2) count = Math.Clamp(count, 1, data.EpisodeCount - 1);
        else count = 0;
        var order = Enumerable.Range(0, data.EpisodeCount).OrderBy(e => new Random(Seeds.Mix(spec.Seed, e)).Next()).ToList();
        var validation = data.FramesOf(order.Take(count).ToHashSet());
        var train = data.FramesOf(order.Skip(count).ToHashSet());
        if (spec.DecisionWeight > 1)
            train = train.SelectMany(f => Enumerable.Repeat(f, data.IsDecision(f) ? spec.DecisionWeight : 1)).ToArray();
        var rng = new Random(spec.Seed);
        // Decision frames stay in random order: each validation batch then mixes tasks, which the instruction swap needs.
        var decision = validation.Where(data.IsDecision).OrderBy(_ => rng.Next()).Take(DecisionFramesMax).ToArray();
        return (train, validation.OrderBy(_ => rng.Next()).Take(ValidationFramesMax).Order().ToArray(), decision);
    }

    private static TrainResult Loop(RunFolder run, Recipe recipe, VlaPolicyModel model, AdamW optimizer, ITrainingSource data,
        int[] train, int[] validation, int[] decision, int startStep, double priorSeconds, TrainOptions options)
    {
        var spec = recipe.Training;
        var clock = Stopwatch.StartNew();
        var parameters = model.named_parameters().Select(p => (p.name, p.parameter)).ToList();
        double loss = double.NaN;
        double? firstValidation = null, lastValidation = null, lastDecision = null, lastSwapped = null;
        var completed = startStep;
        using var metrics = new StreamWriter(run.MetricsFile, append: true);
        model.train();
        // A run already past its stop step (resumed with --stop-after) has nothing to do.
        var last = options.StopAfterStep is { } stopAt && stopAt <= startStep ? startStep : spec.Steps;
        // Every remaining batch is known now (a function of seed and step): a streaming source reads them ahead.
        data.Plan(BatchPlan.Requests(train, validation, decision, spec, startStep, Math.Min(last, options.StopAfterStep ?? last)));
        for (var step = startStep + 1; step <= last; step++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            var lr = LearningRateSchedule.At(step, spec.Steps, spec.WarmupSteps, spec.LearningRate);
            (loss, var localization, var pointed) = TrainStep(model, optimizer, parameters, data, train, spec, step, lr);
            completed = step;
            double? validationLoss = null, decisionLoss = null, validationLocalization = null, validationPointing = null, swappedLoss = null;
            if (BatchPlan.Validates(step, startStep, spec, validation.Length))
            {
                (validationLoss, validationLocalization, validationPointing, _) = Validate(model, data, validation, spec);
                if (decision.Length > 0)
                {
                    (decisionLoss, _, _, swappedLoss) = Validate(model, data, decision, spec, swapInstructions: true);
                    (lastDecision, lastSwapped) = (decisionLoss, swappedLoss);
                }
                firstValidation ??= validationLoss;
                lastValidation = validationLoss;
            }
            var rate = (step - startStep) / clock.Elapsed.TotalSeconds;
            WriteMetrics(metrics, step, (loss, localization, pointed), (validationLoss, validationLocalization, validationPointing),
                (decisionLoss, swappedLoss), lr, rate, clock.Elapsed.TotalSeconds);
            options.Progress?.Report(new TrainProgress(step, spec.Steps, loss, validationLoss, rate, lr) { DecisionLoss = decisionLoss });
            var stop = options.StopAfterStep == step;
            if (step % spec.CheckpointEvery == 0 || step == spec.Steps || stop)
            {
                metrics.Flush();
                Checkpoint.Save(run, model, optimizer, new Checkpoint.State(step, recipe.Name, spec.Seed, lastValidation,
                    priorSeconds + clock.Elapsed.TotalSeconds));
            }
            if (stop) break;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return new TrainResult(run.Path, completed, startStep, loss, firstValidation, lastValidation, seconds,
            (completed - startStep) / Math.Max(seconds, 1e-9), parameters.Sum(p => p.parameter.numel()), train.Length, validation.Length) { FinalDecisionLoss = lastDecision, FinalSwappedInstructionLoss = lastSwapped };
    }

    /// <summary>One optimiser step; returns the action loss and the auxiliary losses (each null when off).</summary>
    private static (double Action, double? Localization, double? Pointing) TrainStep(VlaPolicyModel model, AdamW optimizer,
        List<(string name, TorchSharp.Modules.Parameter parameter)> parameters, ITrainingSource data, int[] train, TrainingSpec spec, int step, double lr)
    {
        using var scope = NewDisposeScope();
        var plan = BatchPlan.Step(train, spec, step);
        optimizer.ZeroGrad();
        double value = 0, localization = 0, pointing = 0;
        // Micro-batch m draws its frames after m-1's from the same step Random; micro-batch 0 is the plain step.
        for (var micro = 0; micro < spec.GradientAccumulation; micro++)
        {
            var (batch, target) = data.Batch(plan[micro]);   // augmented by the source when the recipe asks
            using var auxiliary = data.Auxiliary(plan[micro].Frames);   // each target null unless the recipe weighs its loss
            using var generator = new Generator((ulong)(micro == 0 ? Seeds.Mix(spec.Seed, step, 1) : Seeds.Mix(spec.Seed, step, 1, micro)) & 0x7fffffff);
            var (loss, located, pointed) = model.LossTerms(batch, target, generator, auxiliary);
            var microValue = loss.item<float>();
            if (!float.IsFinite(microValue))
                throw new VlaException($"training diverged: loss is {microValue} at step {step}{NonFiniteParameters(model)}",
                    "lower training.learning_rate, or check the data for extreme values (vla stats)");
            var total = located is null ? loss : loss + located * spec.LocalizationWeight;
            if (pointed is not null) total = total + pointed * spec.PointingWeight;
            (spec.GradientAccumulation == 1 ? total : total / spec.GradientAccumulation).backward();
            value += microValue / spec.GradientAccumulation;
            if (located is not null) localization += located.item<float>() / spec.GradientAccumulation;
            if (pointed is not null) pointing += pointed.item<float>() / spec.GradientAccumulation;
            batch.Dispose();
        }
        var norm = GradientClipping.Clip(parameters, spec.GradClip, out var bad);
        if (!double.IsFinite(norm))
            throw new VlaException($"training diverged: gradient norm is {norm} at step {step} (loss {value}){Named(bad)}",
                "lower training.learning_rate, or check the data for extreme values (vla stats)");
        optimizer.Step(lr);
        return (value, spec.LocalizationWeight > 0 ? localization : null, spec.PointingWeight > 0 ? pointing : null);
    }

    /// <summary>Parameters that are non-finite, to say where a divergence started (only on the failure path).</summary>
    private static string NonFiniteParameters(VlaPolicyModel model) =>
        Named(model.named_parameters().Where(p => !p.parameter.isfinite().all().item<bool>()).Select(p => p.name).ToList());

    private static string Named(IReadOnlyList<string> names) =>
        names.Count == 0 ? "" : $"; first non-finite: {string.Join(", ", names)}";

    /// <summary>Mean action loss over the frames, the localisation and pointing losses when the recipe weighs them (null
    /// otherwise), and
    /// with <paramref name="swapInstructions"/> the action loss of the same frames with other frames' instructions
    /// (<see cref="InstructionSwap"/>). A batch holding one instruction cannot be swapped, so its frames count with their
    /// own loss in both means, which therefore cover the same frames (null when no batch has two instructions). The
    /// swap reuses each batch, so a streaming source sees the requests it planned. The decision frames' validation
    /// (the one that swaps) skips the auxiliary losses, which nothing reads there.</summary>
    private static (double Action, double? Localization, double? Pointing, double? Swapped) Validate(VlaPolicyModel model, ITrainingSource data,
        int[] validation, TrainingSpec spec, bool swapInstructions = false)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        model.eval();
        double total = 0, located = 0, pointed = 0, swapped = 0;
        int batches = 0, swappedFrames = 0;
        foreach (var chunk in BatchPlan.ValidationChunks(validation, spec))
        {
            var (batch, target) = data.Batch(chunk);
            using var auxiliary = swapInstructions ? AuxiliaryTargets.None : data.Auxiliary(chunk.Frames);
            var noise = (ulong)(spec.Seed + batches); // the same noise every validation
            double right;
            using (var generator = new Generator(noise))
            {
                var (action, localization, pointing) = model.LossTerms(batch, target, generator, auxiliary);
                right = action.item<float>() * chunk.Frames.Count;
                if (localization is not null) located += localization.item<float>() * chunk.Frames.Count;
                if (pointing is not null) pointed += pointing.item<float>() * chunk.Frames.Count;
            }
            total += right;
            if (swapInstructions && InstructionSwap.Swapped(batch) is { } other)
            {
                using var generator = new Generator(noise);   // the same noise as the right instruction's pass
                swapped += model.LossTerms(other, target, generator, AuxiliaryTargets.None).Action.item<float>() * chunk.Frames.Count;
                swappedFrames += chunk.Frames.Count;
            }
            else swapped += right;
            batches++;
            batch.Dispose();
        }
        model.train();
        return (total / validation.Length, spec.LocalizationWeight > 0 && !swapInstructions ? located / validation.Length : null,
            spec.PointingWeight > 0 && !swapInstructions ? pointed / validation.Length : null,
            swappedFrames > 0 ? swapped / validation.Length : null);
    }

    /// <summary>Drops metric lines logged after the checkpoint we resume from (they will be recomputed), and a line
    /// torn by a kill mid-write (the log is appended, not written atomically).</summary>
    internal static void TrimMetrics(RunFolder run, int lastStep)
    {
        if (!File.Exists(run.MetricsFile)) return;
        var kept = File.ReadAllLines(run.MetricsFile).Where(line => LoggedStep(line) is { } step && step <= lastStep);
        AtomicFile.WriteAllText(run.MetricsFile, string.Concat(kept.Select(l => l + "\n")));
    }

    private static int? LoggedStep(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.TryGetProperty("step", out var step) ? step.GetInt32() : null;
        }
        catch (JsonException) { return null; }
    }

    /// <summary>One line of metrics.jsonl; the localisation losses (z-scored L1) and the pointing losses (cross-entropy over
    /// the agentview patches; ln N is chance) are null unless the recipe weighs them; val_decision_swapped_loss is the
    /// decision frames' action loss with other frames' instructions (grounding).</summary>
    private static void WriteMetrics(StreamWriter metrics, int step, (double Action, double? Localization, double? Pointing) loss,
        (double? Action, double? Localization, double? Pointing) validation, (double? Right, double? Swapped) decision, double lr,
        double rate, double wall) =>
        metrics.WriteLine(JsonSerializer.Serialize(new
        {
            step, loss = loss.Action, localization_loss = loss.Localization, pointing_loss = loss.Pointing, val_loss = validation.Action,
            val_localization_loss = validation.Localization, val_pointing_loss = validation.Pointing, val_decision_loss = decision.Right,
            val_decision_swapped_loss = decision.Swapped, lr, steps_per_s = Math.Round(rate, 3), wall_s = Math.Round(wall, 2),
            load1 = MachineLoad.LoadAverage1(), rss_mb = Math.Round(MachineLoad.ResidentMb()),
        }));
}
