using TorchSharp;
using TorchSharp.Modules;
using Vla.Abstractions;
using Vla.Core.Data;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>
/// The whole policy (DESIGN.md's data flow): a shared vision encoder (conditioned per block) for every camera,
/// a proprio token, instruction token embeddings, then the backbone; the decoder fills the action slots and the
/// head turns their hidden states into a normalised chunk (B, K, D).
/// Sequence: [camera 1 tokens]..[camera C tokens][proprio][instruction][head's extra tokens][action slots].
/// </summary>
internal sealed class VlaPolicyModel : nn.Module
{
    private readonly VisionEncoder vision;
    private readonly ConditioningModule conditioning;
    private readonly Linear vision_projection;
    private readonly Parameter camera_embedding;
    private readonly Embedding token_embedding;
    private readonly ProprioProjector? proprio_projector;
    private readonly SpatialKeypoints? keypoints;
    private readonly LocalizationHead? localization;
    private readonly PointingHead? pointing;
    private readonly OrderedInstruction? ordered_instruction;
    private readonly Backbone backbone;
    private readonly ActionHead head;

    public VlaPolicyModel(Recipe recipe, PolicyParts parts, int vocabularySize) : base(nameof(VlaPolicyModel))
    {
        Recipe = recipe;
        var width = recipe.Backbone.Width;
        vision = VisionEncoder.Create(recipe.Vision, recipe.ImageSize);
        conditioning = parts.Conditioning.Create(
            new ConditioningContext(vision.Blocks, vision.Width, width) { BlockWidths = vision.StageWidths },
            new PartOptions("conditioning_options", recipe.ConditioningOptions));
        vision_projection = nn.Linear(vision.Width, width);
        camera_embedding = nn.Parameter(randn(recipe.Cameras.Count, width) * 0.02f);
        token_embedding = nn.Embedding(vocabularySize, width);
        if (recipe.ProprioDim > 0) proprio_projector = new ProprioProjector(recipe.ProprioDim, width);
        if (recipe.Vision.Keypoints > 0) keypoints = new SpatialKeypoints(vision.Width, recipe.Vision.Keypoints, recipe.Cameras.Count, width);
        if (recipe.Training.LocalizationWeight > 0) localization = new LocalizationHead(width);
        if ((recipe.Training.PointingWeight > 0 || recipe.Vision.PointingReadout) && PointingCamera(recipe) >= 0)
            pointing = new PointingHead(width, recipe.Vision.PointingReadout, recipe.Vision.PointingState);
        head = parts.Head.Create(new HeadContext(width, recipe.ChunkShape), new PartOptions("head_options", recipe.HeadOptions));
        Decoder = parts.Decoder.Create(new PartOptions("decoder_options", recipe.DecoderOptions));
        backbone = new Backbone(recipe.Backbone, SequenceLength(recipe, head));
        // Created last: the modules above draw the same initial weights with it or without it.
        if (recipe.Vision.OrderedInstruction) ordered_instruction = new OrderedInstruction(width, recipe.MaxInstructionTokens);
        RegisterComponents();
    }

    public Recipe Recipe { get; }

    public Decoder Decoder { get; }

    public ActionHead Head => head;

    public IBackbone Transformer => backbone;

    /// <summary>Total positions of one sample's sequence.</summary>
    public static int SequenceLength(Recipe recipe, ActionHead head) =>
        recipe.Cameras.Count * recipe.Vision.TokensPerCamera(recipe.ImageSize) + (recipe.ProprioDim > 0 ? 1 : 0)
        + recipe.MaxInstructionTokens + head.ExtraTokenCount + head.SlotCount;

    /// <summary>The camera the pointing loss's targets are seen from (the simulator's front camera), -1 without it.</summary>
    public static int PointingCamera(Recipe recipe) => recipe.Cameras.IndexOf("agentview");

    /// <summary>Everything before the action slots: (B, P, W).</summary>
    public Tensor Prefix(ObservationBatch batch)
    {
        var (prefix, scores) = PrefixParts(batch, forLoss: false);
        scores?.Dispose();
        return prefix;
    }

    /// <summary>The prefix, and the pointing head's scores (B, 2, N) over the agentview tokens when the readout needs them
    /// or <paramref name="forLoss"/> asks for them.</summary>
    private (Tensor Prefix, Tensor? PointingScores) PrefixParts(ObservationBatch batch, bool forLoss)
    {
        using var scope = NewDisposeScope();
        var words = token_embedding.forward(batch.Tokens);                                 // (B, T, W)
        var mask = batch.TokenMask.unsqueeze(-1).to(words.dtype);                          // (B, T, 1)
        var instruction = (words * mask).sum(1) / mask.sum(1).clamp_min(1);                // (B, W) mean embedding
        if (ordered_instruction is not null) instruction = ordered_instruction.Forward(words, mask, instruction);
        // All cameras in one encoder pass (C*B images): half the kernel launches of one pass per camera and larger
        // matmuls, the same numbers (the encoder is per image; FiLM sees each image's own instruction).
        var (cameras, b) = (batch.Images.Count, words.shape[0]);
        var images = cameras == 1 ? batch.Images[0] : cat(batch.Images.ToArray(), 0);       // (C*B, 3, H, W)
        var perImage = cameras == 1 ? instruction : instruction.repeat(cameras, 1);          // (C*B, W)
        var encoded = vision.Encode(images, conditioning, perImage);                         // (C*B, N, Cv)
        var tokens = vision_projection.forward(encoded);                                      // (C*B, N, W)
        var n = tokens.shape[1];
        tokens = tokens.view(cameras, b, n, -1) + camera_embedding.view(cameras, 1, 1, -1);    // (C, B, N, W)
        var parts = new List<Tensor> { tokens.permute(1, 0, 2, 3).reshape(b, cameras * n, -1) }; // (B, C*N, W)
        // Inference, and losses without pointing targets (the decision frames' validation), skip a loss-only head.
        var scores = pointing is not null && (Recipe.Vision.PointingReadout || forLoss)
            ? pointing.Scores(tokens[PointingCamera(Recipe)], instruction) : null;              // (B, 2, N)
        if (proprio_projector is not null)
        {
            var state = proprio_projector.forward(batch.Proprio!);                            // (B, 1, W)
            if (keypoints is not null) state = state + keypoints.Forward(encoded, cameras);
            if (Recipe.Vision.PointingReadout) state = state + pointing!.Readout(scores!, detach: Recipe.Training.PointingWeight > 0);
            parts.Add(state);
        }
        parts.Add(words);
        return (cat(parts, 1).MoveToOuterDisposeScope(), scores?.MoveToOuterDisposeScope());
    }

    /// <summary>Training loss for a normalised target chunk (B, K, D).</summary>
    public Tensor Loss(ObservationBatch batch, Tensor target, Generator? generator) => LossTerms(batch, target, generator, null).Action;

    /// <summary>
    /// The action loss and, for each auxiliary loss the recipe weighs whose targets are given, that loss (unweighted; the
    /// trainer adds it with its weight): localisation from the goal offsets, pointing from the goal patches.
    /// </summary>
    public TrainingLosses LossTerms(ObservationBatch batch, Tensor target, Generator? generator, AuxiliaryTargets? auxiliary)
    {
        using var scope = NewDisposeScope();
        var pointingTargets = Recipe.Training.PointingWeight > 0 ? auxiliary?.GoalPatches : null;
        var (prefix, scores) = PrefixParts(batch, forLoss: pointingTargets is not null);
        using var inputs = head.PrepareTraining(target, generator);
        var hidden = Decoder.TrainingHidden(backbone, prefix, head, inputs);
        var action = head.Loss(hidden, inputs).MoveToOuterDisposeScope();
        var located = localization is not null && auxiliary?.GoalOffsets is { } offsets
            ? localization.Loss(hidden, offsets).MoveToOuterDisposeScope() : null;
        var pointed = scores is not null && pointingTargets is not null
            ? pointing!.Loss(scores, pointingTargets).MoveToOuterDisposeScope() : null;
        return new TrainingLosses(action, located, pointed);
    }

    /// <summary>Normalised chunk (B, K, D) for a batch of observations.</summary>
    public Tensor Predict(ObservationBatch batch)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return Decoder.Predict(backbone, Prefix(batch), head).MoveToOuterDisposeScope();
    }
}
