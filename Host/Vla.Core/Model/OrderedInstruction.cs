using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>
/// The instruction summary FiLM and the pointing queries read (<see cref="Abstractions.VisionSpec.OrderedInstruction"/>):
/// the mean word embedding, which cannot tell "red cube in the basket, then blue cylinder on the plate" from the same
/// words in the other order, plus <see cref="Slots"/> learned queries that attention-pool the words tagged with their
/// positions ("the first object named", "the first place named", ...), projected from zero so a base without it loads
/// unchanged. Keys are word + position, so a slot's score is a word term plus a position term: it can pick the earliest
/// object word. Values are the plain words: what a slot carries is which word it found.
/// </summary>
internal sealed class OrderedInstruction : nn.Module
{
    public const int Slots = 4;

    /// <summary>What a padded word's score loses, so its softmax weight is 0; finite (not -inf), so an all-padding row stays finite.</summary>
    public const float PaddingPenalty = 1e9f;

    private readonly Parameter positions;
    private readonly Parameter slots;
    private readonly Linear keys;
    private readonly Linear projection;
    private readonly double _scale;

    public OrderedInstruction(int width, int maxTokens) : base(nameof(OrderedInstruction))
    {
        positions = nn.Parameter(randn(maxTokens, width) * 0.02f);
        slots = nn.Parameter(randn(Slots, width) * 0.02f);
        keys = nn.Linear(width, width);
        projection = ZeroLinear.Create(Slots * width, width);
        _scale = 1.0 / Math.Sqrt(width);
        RegisterComponents();
    }

    /// <summary>The summary (B, W) from the words (B, T, W), their mask as floats (B, T, 1) and their mean (B, W).</summary>
    public Tensor Forward(Tensor words, Tensor mask, Tensor mean)
    {
        using var scope = NewDisposeScope();
        var keyed = keys.forward(words + positions);                                           // (B, T, W)
        var scores = matmul(slots, keyed.transpose(1, 2)).mul_(_scale);                        // (B, S, T)
        scores = scores + (mask.transpose(1, 2) - 1) * PaddingPenalty;                         // padding: -1e9
        var pooled = matmul(nn.functional.softmax(scores, -1), words);                         // (B, S, W)
        return (mean + projection.forward(pooled.reshape(pooled.shape[0], -1))).MoveToOuterDisposeScope();
    }
}
