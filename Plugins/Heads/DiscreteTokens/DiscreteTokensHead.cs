using TorchSharp.Modules;
using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Plugins.Heads.DiscreteTokens;

/// <summary>
/// Actions as 256-bin tokens with cross-entropy (OpenVLA). Each slot predicts one scalar's token; with the parallel
/// decoder all K*D come from one forward, with the autoregressive one they are fed back one at a time.
/// </summary>
internal sealed partial class DiscreteTokensHead : ActionHead, ITokenActionHead
{
    private readonly ActionBins _bins;
    private readonly Linear lm_head;
    private readonly Embedding token_embedding; // Classes + 1 rows: the last is the start-of-action token

    public DiscreteTokensHead(HeadContext context, ActionBins bins) : base("discrete-tokens", context)
    {
        _bins = bins;
        lm_head = nn.Linear(context.Width, bins.Classes);
        token_embedding = nn.Embedding(bins.Classes + 1, context.Width);
        RegisterComponents();
    }

    public int VocabularySize => _bins.Classes;

    public override Tensor Loss(Tensor slotHidden, HeadTrainingInputs inputs)
    {
        using var scope = NewDisposeScope();
        var logits = Logits(slotHidden);                                      // (B, S, V)
        var tokens = Tokenize(inputs.Target);                                 // (B, S)
        return nn.functional.cross_entropy(logits.reshape(-1, VocabularySize), tokens.reshape(-1))
            .MoveToOuterDisposeScope();
    }

    public override Tensor Predict(SlotPass pass, long batch)
    {
        using var scope = NewDisposeScope();
        return Detokenize(Logits(pass(null, null)).argmax(-1)).MoveToOuterDisposeScope();
    }

    public Tensor Tokenize(Tensor actions) => _bins.ToTokens(actions.reshape(actions.shape[0], -1));

    public Tensor Detokenize(Tensor tokens) =>
        _bins.ToActions(tokens).reshape(tokens.shape[0], Chunk.K, Chunk.D);

    public Tensor Logits(Tensor hidden) => lm_head.forward(hidden);

    public Tensor EmbedTokens(Tensor tokens) => token_embedding.forward(tokens);

    public Tensor StartEmbedding(long batch)
    {
        using var scope = NewDisposeScope();
        var start = full(batch, 1, VocabularySize, dtype: ScalarType.Int64, device: lm_head.weight.device);
        return token_embedding.forward(start).MoveToOuterDisposeScope();       // (B, 1, W)
    }
}
