using TorchSharp;
using TorchSharp.Modules;
using Vla.Core.Data;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>
/// The auxiliary localisation head (<see cref="Abstractions.TrainingSpec.LocalizationWeight"/>): from the mean of the
/// action slots' hidden states, the z-scored offsets of the named object and its placement point from the gripper
/// (<see cref="Episode.GoalOffsets"/>). The action slots are what the action head reads, so the loss asks the
/// representation the actions come from to say where the goal is; the gradient reaches the vision encoder through
/// attention. Used in training only.
/// </summary>
internal sealed class LocalizationHead : nn.Module
{
    private readonly Linear output;

    public LocalizationHead(int width) : base(nameof(LocalizationHead))
    {
        output = nn.Linear(width, Episode.GoalOffsetDim);
        RegisterComponents();
    }

    /// <summary>L1 between the prediction from slot states (B, S, W) and the z-scored offsets (B, 6).</summary>
    public Tensor Loss(Tensor slotHidden, Tensor goalOffsets)
    {
        using var scope = NewDisposeScope();
        var predicted = output.forward(slotHidden.mean([1]));
        return nn.functional.l1_loss(predicted, goalOffsets).MoveToOuterDisposeScope();
    }
}
