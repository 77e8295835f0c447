using static TorchSharp.torch;

namespace Vla.Abstractions;

/// <summary>
/// A head whose actions are discrete tokens, one per slot. Autoregressive decoding needs it to feed each
/// predicted token back as the next slot's input.
/// </summary>
public interface ITokenActionHead
{
    /// <summary>Vocabulary size of action tokens (256 bins in the paper).</summary>
    int VocabularySize { get; }

    /// <summary>actions (B, K, D) in [-1, 1] -> tokens (B, K*D) int64.</summary>
    Tensor Tokenize(Tensor actions);

    /// <summary>tokens (B, K*D) -> actions (B, K, D) at the bins' centres.</summary>
    Tensor Detokenize(Tensor tokens);

    /// <summary>hidden (B, S, W) -> logits (B, S, V).</summary>
    Tensor Logits(Tensor hidden);

    /// <summary>tokens (B, S) -> input embeddings (B, S, W) for teacher forcing and feedback.</summary>
    Tensor EmbedTokens(Tensor tokens);

    /// <summary>The input of the first action slot (nothing decoded yet): (B, 1, W).</summary>
    Tensor StartEmbedding(long batch);
}
