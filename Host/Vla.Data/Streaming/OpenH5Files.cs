using PureHDF;
using PureHDF.VOL.Native;

namespace Vla.Data.Streaming;

/// <summary>
/// HDF5 files kept open between frame reads (opening and walking to a dataset costs more than reading one frame),
/// at most <c>capacity</c> at once, least recently used closed first: an ALOHA dataset is one file per episode.
/// Reads go through a buffer (see <see cref="Buffered"/>).
/// </summary>
internal sealed class OpenH5Files(int capacity) : IDisposable
{
    private readonly Dictionary<string, LinkedListNode<OpenFile>> _open = new();
    private readonly LinkedList<OpenFile> _recency = new();   // most recent first

    /// <summary>The camera dataset at <paramref name="key"/> of <paramref name="file"/>; errors name both.</summary>
    public H5DatasetView Dataset(string file, string key)
    {
        var open = Get(file, key);
        if (!open.Datasets.TryGetValue(key, out var set))
            open.Datasets[key] = set = open.Root.Dataset(key);
        return set;
    }

    /// <param name="key">what the file is opened for: an error opening it names it too</param>
    private OpenFile Get(string file, string key)
    {
        if (_open.TryGetValue(file, out var node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value;
        }
        while (_open.Count >= capacity) Close(_recency.Last!);
        var stream = Hdf5Guard.Run(file, key, () => Buffered(file));
        NativeFile h5;
        try
        {
            h5 = Hdf5Guard.Run(file, key, () => H5File.Open(stream));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        var open = new OpenFile(h5, new H5GroupView(file, "", h5), new Dictionary<string, H5DatasetView>());
        _open[file] = _recency.AddFirst(open);
        return open;
    }

    // PureHDF reads a one-frame hyperslab as one small read per innermost run (3 bytes of RGB): through a plain file that
    // is ~16k system calls per 128 px frame (~30 ms measured here), through a buffer one read (~1.4 ms, PureHDF's own
    // per-run cost). PureHDF bypasses a FileStream's own buffer, hence the BufferedStream around an unbuffered one.
    private static Stream Buffered(string file) =>
        new BufferedStream(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1), 1 << 16);

    private void Close(LinkedListNode<OpenFile> node)
    {
        _recency.Remove(node);
        _open.Remove(node.Value.Root.File);
        node.Value.File.Dispose();
    }

    public void Dispose()
    {
        while (_recency.Last is { } last) Close(last);
    }

    private sealed record OpenFile(NativeFile File, H5GroupView Root, Dictionary<string, H5DatasetView> Datasets);
}
