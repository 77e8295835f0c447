using static TorchSharp.torch;

namespace Vla.Abstractions;

/// <summary>
/// What a head prepares from the target chunk before the backbone runs: inputs for the action slots (diffusion's
/// noisy actions) and extra tokens (diffusion's timestep token), plus whatever its loss needs (<see cref="Aux"/>).
/// </summary>
public sealed class HeadTrainingInputs(Tensor target) : IDisposable
{
    /// <summary>Normalised target chunk (B, K, D).</summary>
    public Tensor Target { get; } = target;

    public Tensor? SlotInputs { get; init; }

    public Tensor? ExtraTokens { get; init; }

    /// <summary>Head-private data for the loss (e.g. the sampled noise).</summary>
    public Tensor? Aux { get; init; }

    public void Dispose()
    {
        SlotInputs?.Dispose();
        ExtraTokens?.Dispose();
        Aux?.Dispose();
    }
}
