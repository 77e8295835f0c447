using Vla.Abstractions.Export;

namespace Vla.Plugins.Heads.L1Regression;

/// <summary>One pass: <see cref="Readout"/> then the clamp of <see cref="Predict"/>.</summary>
internal sealed partial class L1RegressionHead : IExportableHead
{
    public HeadExportKind ExportKind => HeadExportKind.OnePass;

    public IReadOnlyDictionary<string, string> ExportMetadata { get; } = new Dictionary<string, string>();

    public (string? Slots, string? Extra) EmitStepInputs(IGraphBuilder g, string noisyActions, string timestep) =>
        throw new NotSupportedException("the L1 head has no denoising steps");

    public string EmitReadout(IGraphBuilder g, string slotHidden)
    {
        var perStep = g.Reshape(slotHidden, 0, Chunk.K, Chunk.D * Context.Width);   // (B, K, D*W)
        return EmitFinish(g, model.Emit(g, perStep));                              // (B, K, D)
    }

    public string EmitFinish(IGraphBuilder g, string chunk) => g.Clip(chunk, -1f, 1f);
}
