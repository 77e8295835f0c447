namespace Vla.Abstractions.Export;

/// <summary>The graph side of <see cref="ITokenActionHead"/>, for autoregressive export (prefill + decode step).</summary>
public interface IExportableTokenHead
{
    /// <summary>hidden (B, L, W) -> logits (B, L, V).</summary>
    string EmitLogits(IGraphBuilder g, string hidden);

    /// <summary>tokens (B, L) int64 -> input embeddings (B, L, W).</summary>
    string EmitEmbedTokens(IGraphBuilder g, string tokens);

    /// <summary>The first slot's input (B, 1, W), with B taken from <paramref name="batchLike"/> (B, ...).</summary>
    string EmitStartEmbedding(IGraphBuilder g, string batchLike);

    /// <summary>tokens (B, K*D) int64 -> normalised chunk (B, K, D) at the bins' centres.</summary>
    string EmitDetokenize(IGraphBuilder g, string tokens);
}
