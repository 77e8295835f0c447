using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Vla.Abstractions;

/// <summary>
/// Registers a part factory under a stable name (keyed singleton) plus a <see cref="PartRegistration"/> so the
/// host can list every name. Names are checked here, when the plugin registers, not when a recipe first uses them.
/// </summary>
public static partial class PartServiceCollectionExtensions
{
    public static IServiceCollection AddDecoder<T>(this IServiceCollection services, string name)
        where T : class, IDecoderFactory, new() => services.AddPart<IDecoderFactory>(PartKind.Decoder, name, new T());

    public static IServiceCollection AddHead<T>(this IServiceCollection services, string name)
        where T : class, IActionHeadFactory, new() => services.AddPart<IActionHeadFactory>(PartKind.Head, name, new T());

    public static IServiceCollection AddConditioning<T>(this IServiceCollection services, string name)
        where T : class, IConditioningFactory, new() =>
        services.AddPart<IConditioningFactory>(PartKind.Conditioning, name, new T());

    private static IServiceCollection AddPart<TFactory>(this IServiceCollection services, PartKind kind, string name,
        TFactory factory) where TFactory : class, IPartFactory
    {
        if (!ValidName().IsMatch(name))
            throw new ArgumentException(
                $"part name '{name}' is invalid: use lower-case letters, digits and '-' (e.g. 'l1-regression')");
        services.AddKeyedSingleton(name, factory);
        services.AddSingleton(new PartRegistration(kind, name, factory.Description,
            factory.GetType().Assembly.GetName().Name ?? "?"));
        return services;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex ValidName();
}
