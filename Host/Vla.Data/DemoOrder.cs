using System.Globalization;

namespace Vla.Data;

/// <summary>Demo groups in numeric order (demo_2 before demo_10): HDF5 lists links alphabetically.</summary>
internal static class DemoOrder
{
    private const string Prefix = "demo_";

    /// <summary>The demo_&lt;i&gt; names among <paramref name="groups"/>, sorted by i; other groups (e.g. `mask`) are ignored.</summary>
    public static IReadOnlyList<string> Sort(IEnumerable<string> groups) => groups
        .Select(name => (name, index: IndexOf(name)))
        .Where(d => d.index is not null)
        .OrderBy(d => d.index)
        .Select(d => d.name)
        .ToList();

    private static long? IndexOf(string name) =>
        name.StartsWith(Prefix, StringComparison.Ordinal)
        && long.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            ? i
            : null;
}
