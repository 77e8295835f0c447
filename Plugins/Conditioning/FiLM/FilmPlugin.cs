using Microsoft.Extensions.DependencyInjection;
using Vla.Abstractions;

namespace Vla.Plugins.Conditioning.FiLM;

public sealed class FilmPlugin : IVlaPlugin
{
    public void Register(IServiceCollection services) => services.AddConditioning<FilmConditioningFactory>("film");
}
