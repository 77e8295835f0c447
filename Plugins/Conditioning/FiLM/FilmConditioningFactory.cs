using Vla.Abstractions;

namespace Vla.Plugins.Conditioning.FiLM;

internal sealed class FilmConditioningFactory : IConditioningFactory
{
    public string Description => "FiLM in every vision block from the mean instruction embedding, identity at init (OFT+)";

    public ConditioningModule Create(ConditioningContext context, PartOptions options)
    {
        options.RejectUnknown();
        return new FilmConditioning(context);
    }
}
