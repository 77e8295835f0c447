using static TorchSharp.torch;

namespace Vla.Core.Data;

/// <summary>
/// One batch's targets of the auxiliary training losses; each is null when its loss is off or the data lacks it.
/// GoalOffsets (B, 6): z-scored, for the localisation loss. GoalPatches (B, 2) int64: the agentview patch of the named
/// object and of its placement point, -1 where out of view, for the pointing loss.
/// </summary>
internal sealed record AuxiliaryTargets(Tensor? GoalOffsets, Tensor? GoalPatches) : IDisposable
{
    public static readonly AuxiliaryTargets None = new(null, null);

    public void Dispose()
    {
        GoalOffsets?.Dispose();
        GoalPatches?.Dispose();
    }
}
