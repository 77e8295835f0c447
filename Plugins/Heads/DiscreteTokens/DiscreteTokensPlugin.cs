using Microsoft.Extensions.DependencyInjection;
using Vla.Abstractions;

namespace Vla.Plugins.Heads.DiscreteTokens;

public sealed class DiscreteTokensPlugin : IVlaPlugin
{
    public void Register(IServiceCollection services) => services.AddHead<DiscreteTokensHeadFactory>("discrete-tokens");
}
