using Vla.Abstractions;
using Vla.Core.Util;

namespace Vla.Core.Training;

/// <summary>
/// Which frames the trainer asks for, and when: a pure function of (seed, step), which is what makes resume exact and
/// what lets a streaming source read the batches of steps not yet run. The trainer itself draws through here, so the
/// plan a source reads ahead and the batches the trainer takes cannot drift apart.
/// </summary>
internal static class BatchPlan
{
    /// <summary>The frames of each micro-batch of a step: micro-batch m draws after m-1 from the step's own Random.</summary>
    public static int[][] Step(int[] train, TrainingSpec spec, int step)
    {
        var rng = new Random(Seeds.Mix(spec.Seed, step));
        var micro = new int[spec.GradientAccumulation][];
        for (var m = 0; m < micro.Length; m++)
        {
            micro[m] = new int[spec.BatchSize];
            for (var i = 0; i < spec.BatchSize; i++) micro[m][i] = train[rng.Next(train.Length)];
        }
        return micro;
    }

    /// <summary>Validation runs every ValidateEvery steps, at the last step and at the first step of a (resumed) run.</summary>
    public static bool Validates(int step, int startStep, TrainingSpec spec, int validationFrames) =>
        validationFrames > 0 && (step % spec.ValidateEvery == 0 || step == spec.Steps || step == startStep + 1);

    public static IEnumerable<int[]> ValidationChunks(int[] validation, TrainingSpec spec) => validation.Chunk(spec.BatchSize);

    /// <summary>Every batch request of steps startStep+1..lastStep, in the order the trainer makes them (lazily).</summary>
    public static IEnumerable<IReadOnlyList<int>> Requests(int[] train, int[] validation, TrainingSpec spec, int startStep, int lastStep)
    {
        for (var step = startStep + 1; step <= lastStep; step++)
        {
            foreach (var micro in Step(train, spec, step)) yield return micro;
            if (Validates(step, startStep, spec, validation.Length))
                foreach (var chunk in ValidationChunks(validation, spec)) yield return chunk;
        }
    }
}
