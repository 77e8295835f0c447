using System.Globalization;
using System.Text.RegularExpressions;

namespace Vla.Data;

/// <summary>
/// File names with their numbers compared as numbers (episode_2 before episode_10): ACT writes episode_&lt;i&gt;.hdf5
/// unpadded, and episode order decides the demo numbering of an import and which episodes validation holds out.
/// </summary>
internal static partial class NaturalFileOrder
{
    public static IReadOnlyList<string> Sort(IEnumerable<string> files) =>
        files.OrderBy(f => Key(Path.GetFileName(f)), Comparer<string>.Create(string.CompareOrdinal)).ToList();

    // Each digit run left-padded to 20 digits, so ordinal comparison orders numbers by value and stays deterministic.
    private static string Key(string name) =>
        Digits().Replace(name, m => m.Value.TrimStart('0').PadLeft(20, '0'));

    [GeneratedRegex("[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
