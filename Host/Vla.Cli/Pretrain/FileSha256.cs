using System.Security.Cryptography;

namespace Vla.Cli.Pretrain;

/// <summary>Lower-case hex SHA-256 of a file's bytes (data manifests, the shipped base's file list), streamed.</summary>
internal static class FileSha256
{
    public static string Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
