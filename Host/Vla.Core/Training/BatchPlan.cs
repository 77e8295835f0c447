using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Util;

namespace Vla.Core.Training;

/// <summary>
/// Which batches the trainer asks for, and when: frames and augmentation seeds are a pure function of (seed, step),
/// which is what makes resume exact and what lets a streaming source read and augment the batches of steps not yet run.
/// The trainer itself draws through here, so the plan a source prepares and the batches the trainer takes cannot drift
/// apart.
/// </summary>
internal static class BatchPlan
{
    /// <summary>
    /// The micro-batches of a step: micro-batch m draws its frames after m-1's from the step's own Random, and is
    /// augmented (when the recipe asks) with a seed of its own.
    /// </summary>
    public static BatchRequest[] Step(int[] train, TrainingSpec spec, int step)
    {
        var rng = new Random(Seeds.Mix(spec.Seed, step));
        var micro = new BatchRequest[spec.GradientAccumulation];
        for (var m = 0; m < micro.Length; m++)
        {
            var frames = new int[spec.BatchSize];
            for (var i = 0; i < spec.BatchSize; i++) frames[i] = train[rng.Next(train.Length)];
            micro[m] = new BatchRequest(frames, spec.Augment ? Seeds.Mix(spec.Seed, step, 2, m) : null);
        }
        return micro;
    }

    /// <summary>Validation runs every ValidateEvery steps, at the last step and at the first step of a (resumed) run.</summary>
    public static bool Validates(int step, int startStep, TrainingSpec spec, int validationFrames) =>
        validationFrames > 0 && (step % spec.ValidateEvery == 0 || step == spec.Steps || step == startStep + 1);

    /// <summary>The held-out frames in batches, never augmented: validation sees the frames as inference does.</summary>
    public static IEnumerable<BatchRequest> ValidationChunks(int[] validation, TrainingSpec spec) =>
        validation.Chunk(spec.BatchSize).Select(chunk => new BatchRequest(chunk));

    /// <summary>
    /// Every batch request of steps startStep+1..lastStep, in the order the trainer makes them (lazily): a step's
    /// micro-batches, then at validation steps the held-out frames and the held-out decision frames.
    /// </summary>
    public static IEnumerable<BatchRequest> Requests(int[] train, int[] validation, int[] decision, TrainingSpec spec, int startStep, int lastStep)
    {
        for (var step = startStep + 1; step <= lastStep; step++)
        {
            foreach (var micro in Step(train, spec, step)) yield return micro;
            if (!Validates(step, startStep, spec, validation.Length)) continue;
            foreach (var chunk in ValidationChunks(validation, spec)) yield return chunk;
            foreach (var chunk in ValidationChunks(decision, spec)) yield return chunk;
        }
    }
}
