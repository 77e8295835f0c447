using PureHDF.VOL.Native;

namespace Vla.Data.Streaming;

/// <summary>
/// HDF5 files kept open between frame reads (opening and walking to a dataset costs more than reading one frame),
/// at most <c>capacity</c> at once, least recently used closed first: an ALOHA dataset is one file per episode.
/// Files are read through an <see cref="H5ReadStream"/>: metadata through its buffer, frames straight from the file
/// (<see cref="H5DirectRows"/>; PureHDF's own hyperslab copy managed ~1.4 ms per 128 px frame, ~35 MB/s).
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
        var (h5, root) = H5GroupView.OpenRoot(file, key);
        var open = new OpenFile(h5, root, new Dictionary<string, H5DatasetView>());
        _open[file] = _recency.AddFirst(open);
        return open;
    }

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
