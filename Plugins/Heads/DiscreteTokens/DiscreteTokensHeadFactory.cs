using Vla.Abstractions;

namespace Vla.Plugins.Heads.DiscreteTokens;

internal sealed class DiscreteTokensHeadFactory : IActionHeadFactory
{
    public string Description => "256 bins on [-1, 1] as tokens, cross-entropy (OpenVLA); works with both decoders";

    public bool EmitsTokens => true;

    public ActionHead Create(HeadContext context, PartOptions options)
    {
        options.RejectUnknown("bins");
        return new DiscreteTokensHead(context, new ActionBins(options.Int("bins", 256, 3, 65536)));
    }
}
