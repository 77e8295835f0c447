using Vla.Abstractions;

namespace Vla.Plugins.Conditioning.None;

internal sealed class NoConditioningFactory : IConditioningFactory
{
    public string Description => "no conditioning in the vision encoder; language enters through the backbone";

    public ConditioningModule Create(ConditioningContext context, PartOptions options)
    {
        options.RejectUnknown();
        return new NoConditioning();
    }
}
