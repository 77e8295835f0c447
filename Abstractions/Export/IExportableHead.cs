namespace Vla.Abstractions.Export;

/// <summary>An <see cref="ActionHead"/> that can write its readout (and, when denoising, its step inputs) into a graph.</summary>
public interface IExportableHead
{
    HeadExportKind ExportKind { get; }

    /// <summary>Settings the host's loop needs, stored as model metadata (e.g. diffusion's steps and seed).</summary>
    IReadOnlyDictionary<string, string> ExportMetadata { get; }

    /// <summary>Denoising only: noisy actions (B, K, D) float and timestep (B) int64 -> slot inputs (B, S, W) and extra
    /// tokens (B, E, W) (either may be null: empty slots, no extra tokens).</summary>
    (string? Slots, string? Extra) EmitStepInputs(IGraphBuilder g, string noisyActions, string timestep);

    /// <summary>slot hidden (B, S, W) -> OnePass: normalised chunk (B, K, D); Denoising: predicted noise (B, K, D).</summary>
    string EmitReadout(IGraphBuilder g, string slotHidden);

    /// <summary>The loop's final value (B, K, D) -> the normalised chunk the head's Predict returns (e.g. clamped).</summary>
    string EmitFinish(IGraphBuilder g, string chunk);
}
