using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Data.Streaming;

namespace Vla.Data.Streaming;

/// <summary>
/// An HDF5 dataset (LIBERO/robomimic task files or ALOHA episode files) indexed for streaming: opening reads every
/// episode's actions, proprio and instruction and checks its camera datasets' shapes (no frames); a frame is read when
/// asked for, alone (a hyperslab of one row), and resized as the in-memory readers resize. Errors name file and key.
/// </summary>
internal sealed class Hdf5FrameStore : IFrameStore
{
    // Enough for every LIBERO suite's task files at once; ALOHA (a file per episode) reopens beyond this.
    private const int OpenFileLimit = 64;

    // A named list of task files (a pretraining family: one file per generated task) keeps them all open: a random
    // batch touches most of them, and an open file costs a 64 KiB buffer.
    private const int OpenFileListLimit = 4096;

    private readonly IReadOnlyList<FrameLocation> _locations;
    private readonly OpenH5Files _files;
    private readonly FrameRowReader _rows;

    private Hdf5FrameStore(IReadOnlyList<(Episode Episode, FrameLocation Frames)> indexed, int? imageSize, int openFiles = OpenFileLimit)
    {
        _files = new OpenH5Files(openFiles);
        Episodes = indexed.Select(i => i.Episode).ToList();
        _locations = indexed.Select(i => i.Frames).ToList();
        Cameras = _locations[0].Cameras.Keys.ToList();
        _rows = new FrameRowReader(imageSize);
    }

    public IReadOnlyList<Episode> Episodes { get; }

    public IReadOnlyList<string> Cameras { get; }

    /// <param name="path">a folder of task files (top level only) or one file</param>
    public static Hdf5FrameStore Libero(string path, LiberoReadOptions options) =>
        Libero(DatasetFiles.Find(path), options, OpenFileLimit);

    /// <param name="files">task files, read in this order (episode order seeds everything downstream)</param>
    public static Hdf5FrameStore Libero(IReadOnlyList<string> files, LiberoReadOptions options)
    {
        var found = files.SelectMany(DatasetFiles.Find).ToList();   // a folder among them counts by its files
        return Libero(found, options, Math.Clamp(found.Count, 1, OpenFileListLimit));
    }

    private static Hdf5FrameStore Libero(IReadOnlyList<string> files, LiberoReadOptions options, int openFiles)
    {
        options = options.Validate();
        var reader = new TaskFileReader(options);
        var indexed = new List<(Episode Episode, FrameLocation Frames)>();
        foreach (var file in files)
        {
            var read = reader.Index(file);
            EpisodeShapes.RequireSame(indexed.Count > 0 ? indexed[0].Episode : read[0].Episode, read.Select(r => r.Episode));
            indexed.AddRange(read);
        }
        return new Hdf5FrameStore(indexed, options.ImageSize, openFiles);
    }

    /// <param name="path">a folder of ALOHA episode files (top level only) or one file</param>
    public static Hdf5FrameStore Aloha(string path, AlohaReadOptions options)
    {
        options = options.Validate();
        var instruction = options.Instruction ?? AlohaHdf5Reader.InstructionFromFolder(path);
        var reader = new AlohaEpisodeReader(options);
        var indexed = new List<(Episode Episode, FrameLocation Frames)>();
        foreach (var file in NaturalFileOrder.Sort(DatasetFiles.Find(path)))
        {
            var read = reader.Index(file, instruction);
            EpisodeShapes.RequireSame(indexed.Count > 0 ? indexed[0].Episode : read.Episode, [read.Episode]);
            indexed.Add(read);
        }
        return new Hdf5FrameStore(indexed, options.ImageSize);
    }

    public byte[] ReadFrame(int episode, int step, string camera)
    {
        var location = _locations[episode];
        if (!location.Cameras.TryGetValue(camera, out var stored))
            throw new VlaException($"camera '{camera}' is not in the data ({Episodes[episode].Source})",
                $"cameras in the data: {string.Join(", ", Cameras)}");
        return _rows.Read(_files.Dataset(location.File, stored.Key), step, stored.Height, stored.Width);
    }

    public void Dispose() => _files.Dispose();
}
