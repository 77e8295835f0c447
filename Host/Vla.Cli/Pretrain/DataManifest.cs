using System.Security.Cryptography;
using System.Text;

namespace Vla.Cli.Pretrain;

/// <summary>
/// SHA-256 of every demonstration file and one hash over the sorted (file name, hash) list: two pretraining runs
/// with the same manifest hash saw byte-identical data, wherever the files were stored.
/// </summary>
internal sealed record DataManifest(string Sha256, IReadOnlyList<DataManifest.FileEntry> Files)
{
    public sealed record FileEntry(string File, string Sha256, long Bytes);

    public static DataManifest Of(IEnumerable<string> files)
    {
        var entries = files.Select(f => new FileEntry(Path.GetFileName(f), FileSha256.Of(f), new FileInfo(f).Length))
            .OrderBy(e => e.File, StringComparer.Ordinal).ToList();
        var text = string.Concat(entries.Select(e => $"{e.File} {e.Sha256}\n"));
        return new DataManifest(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), entries);
    }
}
