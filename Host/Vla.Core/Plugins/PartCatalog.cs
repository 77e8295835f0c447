using System.Reflection;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.DependencyInjection;
using TorchSharp;
using Vla.Abstractions;

namespace Vla.Core.Plugins;

/// <summary>
/// Loads plugin assemblies (built-in and user) with McMaster.NETCore.Plugins, lets each register its parts into
/// one service collection and resolves parts by name. A plugin that fails is recorded in <see cref="Errors"/>.
/// </summary>
public sealed class PartCatalog : IDisposable
{
    // Types that must be the host's own in every plugin: the contracts, TorchSharp (one libtorch) and DI.
    private static readonly Type[] SharedTypes =
    [
        typeof(IVlaPlugin), typeof(torch), typeof(torch.Tensor), typeof(torch.nn.Module), typeof(IServiceCollection),
    ];

    private readonly List<PluginLoader> _loaders = [];
    private readonly List<PluginError> _errors = [];
    private readonly ServiceProvider _services;

    private PartCatalog(IEnumerable<string> folders)
    {
        var services = new ServiceCollection();
        foreach (var dll in Discover(folders)) LoadPlugin(dll, services);
        _services = services.BuildServiceProvider();
        Parts = _services.GetServices<PartRegistration>().OrderBy(p => p.Kind).ThenBy(p => p.Name).ToList();
    }

    public IReadOnlyList<PartRegistration> Parts { get; }

    public IReadOnlyList<PluginError> Errors => _errors;

    /// <summary>Loads every plugin found in <paramref name="folders"/> (default: built-in + user folders).</summary>
    public static PartCatalog Load(IEnumerable<string>? folders = null) => new(folders ?? PluginFolders.Default());

    public IReadOnlyList<string> Names(PartKind kind) => Parts.Where(p => p.Kind == kind).Select(p => p.Name).ToList();

    public IDecoderFactory Decoder(string name) => Resolve<IDecoderFactory>(PartKind.Decoder, name, "decoder");

    public IActionHeadFactory Head(string name) => Resolve<IActionHeadFactory>(PartKind.Head, name, "head");

    public IConditioningFactory Conditioning(string name) =>
        Resolve<IConditioningFactory>(PartKind.Conditioning, name, "conditioning");

    private T Resolve<T>(PartKind kind, string name, string field) where T : class
    {
        if (Parts.Any(p => p.Kind == kind && p.Name == name)) return _services.GetRequiredKeyedService<T>(name);
        var valid = Names(kind);
        var errors = _errors.Count == 0 ? "" : $"; plugins that failed to load: {string.Join(", ", _errors.Select(e => e.Plugin))}";
        throw new RecipeException(field, $"unknown {kind.ToString().ToLowerInvariant()} '{name}'",
            $"valid names: {(valid.Count == 0 ? "(none loaded)" : string.Join(", ", valid))}{errors}");
    }

    private static IEnumerable<string> Discover(IEnumerable<string> folders)
    {
        foreach (var folder in folders.Where(Directory.Exists))
        foreach (var dir in Directory.GetDirectories(folder).Order())
        {
            var dll = Path.Combine(dir, Path.GetFileName(dir) + ".dll");
            if (File.Exists(dll)) yield return Path.GetFullPath(dll);
        }
    }

    private void LoadPlugin(string dll, IServiceCollection services)
    {
        var name = Path.GetFileNameWithoutExtension(dll);
        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(dll, SharedTypes, c => c.PreferSharedTypes = true);
            _loaders.Add(loader);
            var entries = loader.LoadDefaultAssembly().GetTypes()
                .Where(t => typeof(IVlaPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
                .ToList();
            if (entries.Count == 0)
                throw new InvalidOperationException($"no public class implements {nameof(IVlaPlugin)}");
            // Register into a scratch collection first so a plugin that throws halfway leaves nothing behind.
            var scratch = new ServiceCollection();
            foreach (var entry in entries) ((IVlaPlugin)Activator.CreateInstance(entry)!).Register(scratch);
            RejectDuplicates(scratch, services, name);
            foreach (var descriptor in scratch) services.Add(descriptor);
        }
        catch (Exception e)
        {
            _errors.Add(new PluginError(name, dll, Reason(e)));
        }
    }

    private static void RejectDuplicates(IServiceCollection scratch, IServiceCollection existing, string plugin)
    {
        var taken = existing.Where(d => d.ImplementationInstance is PartRegistration)
            .Select(d => (PartRegistration)d.ImplementationInstance!).ToList();
        foreach (var part in scratch.Where(d => d.ImplementationInstance is PartRegistration)
                     .Select(d => (PartRegistration)d.ImplementationInstance!))
            if (taken.FirstOrDefault(t => t.Kind == part.Kind && t.Name == part.Name) is { } clash)
                throw new InvalidOperationException(
                    $"{part.Kind.ToString().ToLowerInvariant()} name '{part.Name}' is already registered by {clash.Assembly}");
    }

    private static string Reason(Exception e) => e switch
    {
        ReflectionTypeLoadException r => string.Join("; ", r.LoaderExceptions.Select(x => x?.Message).Distinct()),
        TargetInvocationException { InnerException: { } inner } => Reason(inner),
        BadImageFormatException => "not a .NET assembly (or built for another platform)",
        _ => e.Message,
    };

    public void Dispose()
    {
        _services.Dispose();
        foreach (var loader in _loaders) loader.Dispose();
    }
}
