using Vla.Abstractions.Export;
using static TorchSharp.torch;

namespace Vla.Plugins.Heads.DiscreteTokens;

/// <summary>
/// Graph form of the token head: argmax over the LM head's logits (first maximum on ties, like TorchSharp's argmax)
/// and the bins' centres, so the exported policy picks the same bins; embeddings for autoregressive feedback.
/// </summary>
internal sealed partial class DiscreteTokensHead : IExportableHead, IExportableTokenHead
{
    public HeadExportKind ExportKind => HeadExportKind.OnePass;

    public IReadOnlyDictionary<string, string> ExportMetadata { get; } = new Dictionary<string, string>();

    public (string? Slots, string? Extra) EmitStepInputs(IGraphBuilder g, string noisyActions, string timestep) =>
        throw new NotSupportedException("the discrete-tokens head has no denoising steps");

    public string EmitReadout(IGraphBuilder g, string slotHidden) => EmitDetokenize(g, ArgMax(g, EmitLogits(g, slotHidden)));

    public string EmitFinish(IGraphBuilder g, string chunk) => chunk;

    public string EmitLogits(IGraphBuilder g, string hidden) => g.Linear(lm_head, hidden);

    public string EmitEmbedTokens(IGraphBuilder g, string tokens) =>
        g.Op("Gather", g.Initializer(token_embedding.weight!.detach(), "action_token_embedding"), tokens);

    public string EmitStartEmbedding(IGraphBuilder g, string batchLike)
    {
        using var scope = NewDisposeScope();
        var start = token_embedding.weight!.detach()[VocabularySize].reshape(1, 1, -1);   // the start-of-action row
        return g.ExpandToBatch(g.Initializer(start, "start_embedding"), batchLike, 1, Context.Width);
    }

    /// <summary>Same arithmetic as <see cref="ActionBins.ToActions"/>: id * width - 1 + width / 2 in float32.</summary>
    public string EmitDetokenize(IGraphBuilder g, string tokens)
    {
        var width = _bins.Width;
        var ids = g.Op("Cast", new Dictionary<string, object> { ["to"] = 1L }, tokens);   // 1 = FLOAT
        var centres = g.Add(g.Op("Sub", g.Mul(ids, g.Scalar(width)), g.Scalar(1f)), g.Scalar(width / 2));
        return g.Reshape(centres, 0, Chunk.K, Chunk.D);                                  // (B, K, D)
    }

    private static string ArgMax(IGraphBuilder g, string logits) =>
        g.Op("ArgMax", new Dictionary<string, object> { ["axis"] = -1L, ["keepdims"] = 0L }, logits);  // (B, S)
}
