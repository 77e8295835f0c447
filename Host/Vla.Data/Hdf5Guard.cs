using Vla.Abstractions;

namespace Vla.Data;

/// <summary>
/// Runs one PureHDF call and turns whatever it throws (it throws plain <see cref="Exception"/>s, often with no
/// file or key in the message) into a <see cref="VlaException"/> naming the file and the key being read.
/// </summary>
internal static class Hdf5Guard
{
    public static T Run<T>(string file, string key, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e is not VlaException and not OutOfMemoryException and not OperationCanceledException)
        {
            throw new VlaException($"{file}: cannot read '{key}': {e.Message}", HintFor(e), e);
        }
    }

    // PureHDF decodes gzip, shuffle, fletcher32 and scale-offset itself; other filters (lzf, blosc...) need plugins.
    private static string HintFor(Exception e) => e.Message.Contains("filter", StringComparison.OrdinalIgnoreCase)
        ? "the dataset uses a compression filter this reader lacks: rewrite the file uncompressed or with gzip " +
          "(h5repack -f GZIP=4 in.hdf5 out.hdf5, from Debian's hdf5-tools)"
        : "the file is probably truncated or corrupt (an interrupted download or write): re-download or regenerate it";
}
