using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>
/// The auxiliary pointing head (<see cref="Abstractions.TrainingSpec.PointingWeight"/>): two queries from the mean
/// instruction embedding (the named object, its placement point) score each agentview image token by a scaled dot
/// product with its key, and a softmax over the tokens says which patch the instruction names. Cross-entropy against
/// the patch the target appears in. Because the scores come from the instruction, the loss can only fall by binding
/// words to what the tokens show; with FiLM the tokens themselves can light up where the named object is. Training only.
/// </summary>
internal sealed class PointingHead : nn.Module
{
    private readonly Linear queries;
    private readonly Linear keys;
    private readonly double _scale;

    public PointingHead(int width) : base(nameof(PointingHead))
    {
        queries = nn.Linear(width, 2 * width);
        keys = nn.Linear(width, width);
        _scale = 1.0 / Math.Sqrt(width);
        RegisterComponents();
    }

    /// <summary>Scores (B, 2, N) of image tokens (B, N, W) for the instruction embeddings (B, W).</summary>
    public Tensor Scores(Tensor imageTokens, Tensor instruction)
    {
        using var scope = NewDisposeScope();
        var (b, w) = (instruction.shape[0], instruction.shape[1]);
        var q = queries.forward(instruction).view(b, 2, w);                             // (B, 2, W)
        var k = keys.forward(imageTokens);                                               // (B, N, W)
        return matmul(q, k.transpose(1, 2)).mul_(_scale).MoveToOuterDisposeScope();     // (B, 2, N)
    }

    /// <summary>Mean cross-entropy over the targets (B, 2) that are in view (>= 0); 0 when none is.</summary>
    public Tensor Loss(Tensor imageTokens, Tensor instruction, Tensor patches)
    {
        using var scope = NewDisposeScope();
        var logProbabilities = nn.functional.log_softmax(Scores(imageTokens, instruction), -1);      // (B, 2, N)
        var inView = patches.ge(0);                                                                   // (B, 2)
        // Out-of-view targets read patch 0 and are masked out (cross_entropy's ignore_index gives NaN when all are ignored).
        var picked = logProbabilities.gather(-1, patches.clamp_min(0).unsqueeze(-1)).squeeze(-1);      // (B, 2)
        var counted = inView.to(picked.dtype);
        return (-(picked * counted).sum() / counted.sum().clamp_min(1)).MoveToOuterDisposeScope();
    }
}
