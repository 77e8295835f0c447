using Vla.Abstractions;

namespace Vla.Plugins.Heads.L1Regression;

internal sealed class L1RegressionHeadFactory : IActionHeadFactory
{
    public string Description => "continuous actions, MLPResNet over each timestep's slots, L1 loss (OFT)";

    public bool EmitsTokens => false;

    public ActionHead Create(HeadContext context, PartOptions options)
    {
        options.RejectUnknown("hidden");
        return new L1RegressionHead(context, options.Int("hidden", context.Width, 1, 65536));
    }
}
