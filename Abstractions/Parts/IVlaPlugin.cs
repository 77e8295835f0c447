using Microsoft.Extensions.DependencyInjection;

namespace Vla.Abstractions;

/// <summary>
/// The one entry point of a plugin assembly: a public class with a parameterless constructor that registers
/// its parts with <see cref="PartServiceCollectionExtensions"/> (AddDecoder / AddHead / AddConditioning).
/// </summary>
public interface IVlaPlugin
{
    void Register(IServiceCollection services);
}
