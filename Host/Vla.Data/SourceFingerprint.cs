using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vla.Data;

/// <summary>
/// A cheap identity of a dataset: file names, sizes and modification times (not contents: hashing gigabytes would
/// cost more than recomputing the statistics), plus whatever else changes the statistics (e.g. the proprio keys).
/// </summary>
internal static class SourceFingerprint
{
    // Bump when the statistics computation or the reader's output changes meaning, so old caches are ignored.
    private const string Version = "libero-stats-v1";

    public static string Of(IReadOnlyList<string> files, string variant)
    {
        var text = new StringBuilder(Version).Append('\n').Append(variant).Append('\n');
        foreach (var file in files)
        {
            var info = new FileInfo(file);
            // Names, not full paths: moving or mounting the folder elsewhere keeps the cache valid.
            text.Append(info.Name).Append('\t').Append(info.Length.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
