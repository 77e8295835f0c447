using Vla.Abstractions;

namespace HuberHead;

internal sealed class HuberHeadFactory : IActionHeadFactory
{
    public string Description => "sample plugin: continuous actions, small MLP per timestep, Huber loss";

    public bool EmitsTokens => false;

    public ActionHead Create(HeadContext context, PartOptions options)
    {
        options.RejectUnknown("delta");
        return new HuberRegressionHead(context, options.Double("delta", 0.1, 1e-6, 10));
    }
}
