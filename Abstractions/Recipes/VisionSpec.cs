namespace Vla.Abstractions;

/// <summary>The vision encoder shared by all cameras: a small ViT (as in the paper) or a conv stem.</summary>
public sealed record VisionSpec
{
    public static readonly string[] Kinds = ["conv", "vit"];

    /// <summary>"conv": stride-2 conv stages, a finer token grid per FLOP; "vit": patch embedding + blocks.</summary>
    public string Kind { get; init; } = "vit";

    public int Width { get; init; } = 128;

    /// <summary>ViT: transformer blocks; conv: stride-2 stages (grid = image_size / 2^depth).</summary>
    public int Depth { get; init; } = 4;

    public int Heads { get; init; } = 4;

    /// <summary>ViT patch size in pixels (ignored by conv).</summary>
    public int PatchSize { get; init; } = 8;

    /// <summary>
    /// Spatial soft-argmax keypoints per camera (0: none). Each is a learned, instruction-modulated map over the
    /// camera's token grid whose expected (x, y) joins the proprio token: object positions as numbers the policy can
    /// act on directly. The token sequence keeps its length, so a base without keypoints still loads.
    /// </summary>
    public int Keypoints { get; init; }

    /// <summary>
    /// Language-conditioned keypoints: the pointing head's two maps over the agentview tokens (queries from the
    /// instruction: the named object, its placement point; see <see cref="TrainingSpec.PointingWeight"/>, which
    /// supervises them) give expected (x, y) positions that join the proprio token, through a projection that starts at
    /// zero. Where <see cref="Keypoints"/> are maps the instruction can only modulate, these are chosen by it. The
    /// pointing loss trains the maps when the data has goal pixels; otherwise the action loss trains them end to end.
    /// Needs proprio and an "agentview" camera.
    /// </summary>
    public bool PointingReadout { get; init; }

    /// <summary>
    /// Lets the pointing queries see the scene as well as the words: the mean agentview token adds to both queries
    /// through a projection that starts at zero (so a base pointing from the words alone loads unchanged). A long task
    /// names two objects in one instruction, and which one is meant depends on whether the first is already placed,
    /// which only the image shows. It cannot tell which object the words name first (the queries read the mean word
    /// embedding, blind to order). Needs the pointing head (<see cref="PointingReadout"/> or
    /// <see cref="TrainingSpec.PointingWeight"/>).
    /// </summary>
    public bool PointingState { get; init; }

    /// <summary>
    /// An instruction summary that knows word order, for FiLM and the pointing queries: the mean word embedding plus four
    /// learned queries that attention-pool the position-tagged words, projected from zero (a base without it loads
    /// unchanged). The mean alone is the same for "put the red cube in the basket and then put the blue cylinder on the
    /// plate" and that sentence with the two objects swapped; only the backbone's attention over the words saw the
    /// difference. Needs FiLM or the pointing head, which read it.
    /// </summary>
    public bool OrderedInstruction { get; init; }

    public void Validate(int imageSize)
    {
        Recipe.Require(Kinds.Contains(Kind), "vision.kind", $"unknown encoder '{Kind}'",
            $"valid kinds: {string.Join(", ", Kinds)}");
        Recipe.Require(Width is >= 8 and <= 4096, "vision.width", $"must be in [8, 4096], got {Width}");
        Recipe.Require(Depth is >= 1 and <= 48, "vision.depth", $"must be in [1, 48], got {Depth}");
        Recipe.Require(Keypoints is >= 0 and <= 64, "vision.keypoints", $"must be in [0, 64], got {Keypoints}");
        if (Kind == "vit")
        {
            Recipe.Require(Heads >= 1 && Width % Heads == 0, "vision.heads",
                $"width {Width} must be divisible by heads {Heads}");
            Recipe.Require(PatchSize >= 2 && imageSize % PatchSize == 0, "vision.patch_size",
                $"image_size {imageSize} must be divisible by patch_size {PatchSize}");
        }
        else
        {
            Recipe.Require(imageSize % (1 << Depth) == 0, "vision.depth",
                $"image_size {imageSize} must be divisible by 2^depth = {1 << Depth}");
        }
    }

    /// <summary>Tokens one camera contributes.</summary>
    public int TokensPerCamera(int imageSize) =>
        Kind == "vit" ? (imageSize / PatchSize) * (imageSize / PatchSize) : (imageSize >> Depth) * (imageSize >> Depth);
}
