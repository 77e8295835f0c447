using Vla.Abstractions;

namespace Vla.Core.Data;

/// <summary>One demonstration: per-camera RGB frames (H*W*3, top row first), proprio and actions per step.</summary>
public sealed record Episode(
    string Instruction,
    int Height,
    int Width,
    IReadOnlyDictionary<string, byte[][]> Frames,
    float[][] Proprio,
    float[][] Actions,
    string Source)
{
    public int Length => Actions.Length;

    /// <summary>
    /// Optional per-step training targets, K*D raw values each (k-major). Null: the trainer forms each step's chunk from
    /// the episode (the next K actions, the last one repeated past the end). Set when samples come with their own chunk
    /// labels, e.g. independent rows of an ML.NET IDataView.
    /// </summary>
    public float[][]? Chunks { get; init; }

    /// <summary>
    /// Optional per-step localisation targets (<see cref="GoalOffsetDim"/> values: the named object's position, then its
    /// placement point, each minus the gripper's, in metres), from the simulator's `obs/goal_offsets`. Null when the data
    /// has none. Read only by the auxiliary loss (<see cref="Abstractions.TrainingSpec.LocalizationWeight"/>).
    /// </summary>
    public float[][]? GoalOffsets { get; init; }

    public const int GoalOffsetDim = 6;

    /// <summary>
    /// Optional per-step pointing targets (<see cref="GoalPixelDim"/> values): where the named object, then its placement
    /// point, appear in the agentview image, as (u, v) fractions of its width and height from the top-left corner, from
    /// the simulator's `obs/goal_pixels`. Values outside [0, 1) (NaN included) mean out of view. Read only by the
    /// auxiliary pointing loss (<see cref="Abstractions.TrainingSpec.PointingWeight"/>).
    /// </summary>
    public float[][]? GoalPixels { get; init; }

    public const int GoalPixelDim = 4;

    /// <summary>Checks shapes and values; errors name the source (file and key) and the problem.</summary>
    public Episode Validate()
    {
        if (Length == 0) throw new VlaException($"{Source}: episode has no steps", "remove empty episodes from the data");
        foreach (var (camera, frames) in Frames)
        {
            if (frames.Length != Length)
                throw new VlaException($"{Source}: camera '{camera}' has {frames.Length} frames but {Length} actions");
            if (frames.Any(f => f.Length != Height * Width * 3))
                throw new VlaException($"{Source}: camera '{camera}' frames are not {Height}x{Width}x3",
                    "all cameras of an episode must share one image size");
        }
        if (Proprio.Length != Length)
            throw new VlaException($"{Source}: {Proprio.Length} proprio rows but {Length} actions");
        CheckFinite(Actions, "actions");
        CheckFinite(Proprio, "proprio");
        if (Chunks is not null)
        {
            if (Chunks.Length != Length)
                throw new VlaException($"{Source}: {Chunks.Length} chunk labels but {Length} actions", "give one chunk label per step");
            if (Chunks.Any(c => c.Length != Chunks[0].Length || c.Length % Actions[0].Length != 0))
                throw new VlaException($"{Source}: chunk labels must all hold K x {Actions[0].Length} values");
            CheckFinite(Chunks, "chunk labels");
        }
        if (GoalOffsets is not null)
        {
            if (GoalOffsets.Length != Length || GoalOffsets.Any(g => g.Length != GoalOffsetDim))
                throw new VlaException($"{Source}: goal offsets must be {Length} x {GoalOffsetDim} values",
                    "delete the demonstration folder and generate it again (vla demos)");
            CheckFinite(GoalOffsets, "goal offsets");
        }
        if (GoalPixels is not null && (GoalPixels.Length != Length || GoalPixels.Any(g => g.Length != GoalPixelDim)))
            throw new VlaException($"{Source}: goal pixels must be {Length} x {GoalPixelDim} values",
                "delete the demonstration folder and generate it again (vla demos)");
        return this;
    }

    private void CheckFinite(float[][] rows, string key)
    {
        for (var t = 0; t < rows.Length; t++)
            if (rows[t].Any(v => !float.IsFinite(v)))
                throw new VlaException($"{Source}: '{key}' has NaN or infinity at step {t}",
                    "clean or drop that episode; training on NaN would destroy the weights");
    }
}
