using Vla.Core.Plugins;

namespace Vla.MLNet;

/// <summary>
/// One plugin catalog per process for callers that pass none: loading the plugins again per estimator would load
/// each plugin assembly into a new load context, and the parts must outlive every transformer built from them.
/// </summary>
internal static class SharedParts
{
    private static readonly Lazy<PartCatalog> Lazy = new(() => PartCatalog.Load(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static PartCatalog Catalog => Lazy.Value;
}
