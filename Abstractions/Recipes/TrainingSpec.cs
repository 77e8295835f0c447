namespace Vla.Abstractions;

/// <summary>Optimiser and schedule: AdamW, linear warm-up then cosine decay, gradient clipping.</summary>
public sealed record TrainingSpec
{
    public int Steps { get; init; } = 3000;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 5e-4;
    public int WarmupSteps { get; init; } = 100;
    public double WeightDecay { get; init; } = 0.01;
    public double GradClip { get; init; } = 1.0;
    public double ValidationFraction { get; init; } = 0.1;
    public int ValidateEvery { get; init; } = 100;
    public int CheckpointEvery { get; init; } = 500;
    public int Seed { get; init; } = 7;

    /// <summary>Micro-batches of <see cref="BatchSize"/> whose gradients add up before one optimiser step
    /// (effective batch = batch_size x gradient_accumulation, at the memory of one micro-batch).</summary>
    public int GradientAccumulation { get; init; } = 1;

    /// <summary>Random crop (90-100% of the area, resized back) and colour jitter on training images only.</summary>
    public bool Augment { get; init; }

    /// <summary>
    /// Decision frames: the first N frames of every episode and the N frames from each gripper change on (a sign change of
    /// an unnormalised action dimension). There the instruction, not the state, says what to do next: which object to
    /// reach for, where to put it. Validation reports their loss apart (val_decision_loss); 0 turns that off.
    /// </summary>
    public int DecisionFrames { get; init; } = 10;

    /// <summary>
    /// Also mark the N frames before each gripper change (the final approach and the grasp, where a centimetre decides
    /// whether the fingers close on the object); 0 keeps the window after the change only.
    /// </summary>
    public int DecisionFramesBefore { get; init; }

    /// <summary>How many times as often training draws a decision frame as any other (1: uniform).</summary>
    public int DecisionWeight { get; init; } = 1;

    /// <summary>
    /// Weight of the auxiliary localisation loss (0: off). A small head on the action slots' mean hidden state predicts,
    /// per frame, where the instruction's object and its placement point are relative to the gripper (the simulator's
    /// `obs/goal_offsets`, z-scored), under L1. It gives the vision encoder a dense signal to localise the named object,
    /// which the action loss alone teaches slowly. Training only: the head is not exported and inference ignores it.
    /// </summary>
    public double LocalizationWeight { get; init; }

    /// <summary>
    /// Weight of the auxiliary pointing loss (0: off). From the mean instruction embedding, two queries (the named object,
    /// its placement point) score every agentview patch token; cross-entropy against the patch each appears in (the
    /// simulator's `obs/goal_pixels`). Where localisation asks the action slots for an offset, this asks the image tokens
    /// themselves which one the instruction names, the binding of words to objects scattered anew in every episode.
    /// Training only: the head is not exported and inference ignores it.
    /// </summary>
    public double PointingWeight { get; init; }

    public void Validate()
    {
        Recipe.Require(Steps >= 1, "training.steps", $"must be >= 1, got {Steps}");
        Recipe.Require(BatchSize is >= 1 and <= 4096, "training.batch_size", $"must be in [1, 4096], got {BatchSize}");
        Recipe.Require(LearningRate is > 0 and < 1, "training.learning_rate", $"must be in (0, 1), got {LearningRate}");
        Recipe.Require(WarmupSteps >= 0, "training.warmup_steps", "must be >= 0");
        Recipe.Require(WeightDecay >= 0, "training.weight_decay", "must be >= 0");
        Recipe.Require(GradClip >= 0, "training.grad_clip", "must be >= 0 (0 disables clipping)");
        Recipe.Require(ValidationFraction is >= 0 and < 1, "training.validation_fraction", "must be in [0, 1)");
        Recipe.Require(ValidateEvery >= 1, "training.validate_every", "must be >= 1");
        Recipe.Require(CheckpointEvery >= 1, "training.checkpoint_every", "must be >= 1");
        Recipe.Require(DecisionFrames >= 0, "training.decision_frames", $"must be >= 0, got {DecisionFrames}");
        Recipe.Require(DecisionFramesBefore >= 0, "training.decision_frames_before", $"must be >= 0, got {DecisionFramesBefore}");
        Recipe.Require(DecisionWeight is >= 1 and <= 100, "training.decision_weight", $"must be in [1, 100], got {DecisionWeight}");
        Recipe.Require(LocalizationWeight is >= 0 and <= 100 && double.IsFinite(LocalizationWeight), "training.localization_weight",
            $"must be in [0, 100] (0 turns the auxiliary localisation loss off), got {LocalizationWeight}");
        Recipe.Require(PointingWeight is >= 0 and <= 100 && double.IsFinite(PointingWeight), "training.pointing_weight",
            $"must be in [0, 100] (0 turns the auxiliary pointing loss off), got {PointingWeight}");
        Recipe.Require(GradientAccumulation is >= 1 and <= 1024, "training.gradient_accumulation", $"must be in [1, 1024], got {GradientAccumulation}");
    }
}
