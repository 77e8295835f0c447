using System.Globalization;
using Vla.Abstractions.Export;

namespace Vla.Plugins.Heads.Diffusion;

/// <summary>
/// Exported as a denoiser step (noisy actions + timestep -> predicted noise); the host drives it with the same
/// <see cref="DdimSchedule"/> loop and seeded noise as <see cref="Predict"/>, read from these metadata entries.
/// </summary>
internal sealed partial class DiffusionHead : IExportableHead
{
    public const string TrainStepsKey = "diffusion.train_steps";
    public const string InferenceStepsKey = "diffusion.inference_steps";
    public const string SeedKey = "diffusion.seed";

    public HeadExportKind ExportKind => HeadExportKind.Denoising;

    public IReadOnlyDictionary<string, string> ExportMetadata => new Dictionary<string, string>
    {
        [TrainStepsKey] = _schedule.TrainSteps.ToString(CultureInfo.InvariantCulture),
        [InferenceStepsKey] = _inferenceSteps.ToString(CultureInfo.InvariantCulture),
        [SeedKey] = _seed.ToString(CultureInfo.InvariantCulture),
    };

    public (string? Slots, string? Extra) EmitStepInputs(IGraphBuilder g, string noisyActions, string timestep) =>
        (noisy_action_projector.Emit(g, noisyActions), timestep_embedding.Emit(g, timestep));

    public string EmitReadout(IGraphBuilder g, string slotHidden) =>
        noise_predictor.Emit(g, g.Reshape(slotHidden, 0, Chunk.K, Chunk.D * Context.Width));   // (B, K, D) noise

    public string EmitFinish(IGraphBuilder g, string chunk) => g.Clip(chunk, -1f, 1f);
}
