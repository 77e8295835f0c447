using Microsoft.Extensions.DependencyInjection;
using Vla.Abstractions;

namespace HuberHead;

/// <summary>The plugin entry: registers the head under the name recipes use.</summary>
public sealed class HuberHeadPlugin : IVlaPlugin
{
    public void Register(IServiceCollection services) => services.AddHead<HuberHeadFactory>("huber");
}
