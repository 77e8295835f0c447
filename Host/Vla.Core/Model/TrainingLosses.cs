using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>One batch's losses, unweighted: the action loss and each auxiliary loss that is on (null otherwise).</summary>
internal sealed record TrainingLosses(Tensor Action, Tensor? Localization, Tensor? Pointing);
