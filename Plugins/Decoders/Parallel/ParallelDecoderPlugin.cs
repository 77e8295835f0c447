using Microsoft.Extensions.DependencyInjection;
using Vla.Abstractions;

namespace Vla.Plugins.Decoders.Parallel;

public sealed class ParallelDecoderPlugin : IVlaPlugin
{
    public void Register(IServiceCollection services) => services.AddDecoder<ParallelDecoderFactory>("parallel");
}
