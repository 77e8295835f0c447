using Microsoft.Extensions.DependencyInjection;
using Vla.Abstractions;

namespace Vla.Plugins.Conditioning.None;

public sealed class NoConditioningPlugin : IVlaPlugin
{
    public void Register(IServiceCollection services) => services.AddConditioning<NoConditioningFactory>("none");
}
