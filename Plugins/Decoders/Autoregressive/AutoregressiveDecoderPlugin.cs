using Microsoft.Extensions.DependencyInjection;
using Vla.Abstractions;

namespace Vla.Plugins.Decoders.Autoregressive;

public sealed class AutoregressiveDecoderPlugin : IVlaPlugin
{
    public void Register(IServiceCollection services) =>
        services.AddDecoder<AutoregressiveDecoderFactory>("autoregressive");
}
