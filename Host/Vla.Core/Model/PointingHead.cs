using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>
/// Pointing (<see cref="Abstractions.TrainingSpec.PointingWeight"/>, <see cref="Abstractions.VisionSpec.PointingReadout"/>):
/// two queries from the mean instruction embedding (the named object, its placement point) score each agentview image
/// token by a scaled dot product with its key; a softmax over the tokens says which patch the instruction names.
/// As a loss: cross-entropy against the patch the target appears in. Because the scores come from the instruction, it
/// can only fall by binding words to what the tokens show. As a readout: each map's expected grid position (x, y),
/// projected (from zero) into one token the proprio token adds, so the policy gets where the named object is as numbers.
/// </summary>
internal sealed class PointingHead : nn.Module
{
    private readonly Linear queries;
    private readonly Linear keys;
    private readonly Linear? projection;
    private readonly Linear? state_queries;
    private readonly double _scale;

    public PointingHead(int width, bool readout, bool state = false) : base(nameof(PointingHead))
    {
        queries = nn.Linear(width, 2 * width);
        keys = nn.Linear(width, width);
        if (state) state_queries = ZeroLinear.Create(width, 2 * width);   // starts as the words-only pointer it may be loaded from
        if (readout) projection = ZeroLinear.Create(4, width);             // a fine-tune starts exactly from its base
        _scale = 1.0 / Math.Sqrt(width);
        RegisterComponents();
    }

    /// <summary>Scores (B, 2, N) of image tokens (B, N, W) for the instruction embeddings (B, W), and with
    /// <see cref="Abstractions.VisionSpec.PointingState"/> for the scene (the tokens' mean).</summary>
    public Tensor Scores(Tensor imageTokens, Tensor instruction)
    {
        using var scope = NewDisposeScope();
        var (b, w) = (instruction.shape[0], instruction.shape[1]);
        var q = queries.forward(instruction);                                            // (B, 2W)
        if (state_queries is not null) q = q + state_queries.forward(imageTokens.mean([1]));
        q = q.view(b, 2, w);                                                             // (B, 2, W)
        var k = keys.forward(imageTokens);                                               // (B, N, W)
        return matmul(q, k.transpose(1, 2)).mul_(_scale).MoveToOuterDisposeScope();     // (B, 2, N)
    }

    /// <summary>Mean cross-entropy over the targets (B, 2) that are in view (>= 0); 0 when none is.</summary>
    public Tensor Loss(Tensor scores, Tensor patches)
    {
        using var scope = NewDisposeScope();
        var logProbabilities = nn.functional.log_softmax(scores, -1);                                  // (B, 2, N)
        var inView = patches.ge(0);                                                                   // (B, 2)
        // Out-of-view targets read patch 0 and are masked out (cross_entropy's ignore_index gives NaN when all are ignored).
        var picked = logProbabilities.gather(-1, patches.clamp_min(0).unsqueeze(-1)).squeeze(-1);      // (B, 2)
        var counted = inView.to(picked.dtype);
        return (-(picked * counted).sum() / counted.sum().clamp_min(1)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The readout token (B, 1, W) from the scores (B, 2, N): each map's expected position on the token grid. With
    /// <paramref name="detach"/> (when the pointing loss trains them) only that loss shapes the maps, so they stay "where
    /// the words point" rather than whatever helps the action loss on the training episodes. Without it (data with no
    /// goal pixels: LIBERO, LeRobot, ML.NET rows) the action loss trains them end to end, like vision.keypoints.
    /// </summary>
    public Tensor Readout(Tensor scores, bool detach)
    {
        using var scope = NewDisposeScope();
        var grid = SpatialKeypoints.Grid(scores.shape[2], scores.dtype);                               // (N, 2)
        var xy = matmul(nn.functional.softmax(detach ? scores.detach() : scores, -1), grid);          // (B, 2, 2)
        return projection!.forward(xy.reshape(xy.shape[0], 4)).unsqueeze(1).MoveToOuterDisposeScope();
    }
}
