using Microsoft.Extensions.DependencyInjection;
using Vla.Abstractions;

namespace Vla.Plugins.Heads.Diffusion;

public sealed class DiffusionPlugin : IVlaPlugin
{
    public void Register(IServiceCollection services) => services.AddHead<DiffusionHeadFactory>("diffusion");
}
