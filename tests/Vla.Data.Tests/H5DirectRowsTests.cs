using System.Text.Json;

namespace Vla.Data.Tests;

/// <summary>
/// Rows read past PureHDF's per-element copy (<see cref="H5DirectRows"/>) are byte for byte what h5py wrote, for every
/// storage the readers meet: ACT's chunked (1, H, W, 3) frames, contiguous LIBERO frames, gzip chunks (decoded by
/// PureHDF), chunks straddling rows and edges, chunks never written, each chunk index libhdf5 writes; other storage
/// (compact) still reads through PureHDF.
/// </summary>
public sealed class H5DirectRowsTests : TempFolder
{
    // Each dataset: (name, shape, create_dataset keyword arguments as Python, libver). Values are pseudo-random bytes,
    // dumped raw beside the file as <name>.bin, so nothing here recomputes them.
    private const string Script = """
        import sys, json
        import numpy as np, h5py
        spec = json.load(open(sys.argv[1]))
        rng = np.random.default_rng(7)
        with h5py.File(spec['path'], 'w', libver=spec['libver']) as f:
            for name, shape, kwargs in spec['datasets']:
                data = rng.integers(0, 256, size=shape, dtype=np.uint8)
                kwargs = eval(kwargs)
                if kwargs.pop('compact', False):            # stored inside the object header
                    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
                    dcpl.set_layout(h5py.h5d.COMPACT)
                    space = h5py.h5s.create_simple(tuple(shape))
                    h5py.h5d.create(f.id, name.encode(), h5py.h5t.STD_U8LE, space, dcpl=dcpl).write(h5py.h5s.ALL, h5py.h5s.ALL, data)
                elif kwargs.pop('partial', False):
                    d = f.create_dataset(name, shape=shape, dtype=np.uint8, fillvalue=7, **kwargs)
                    d[1] = data[1]                         # only the chunk of row 1 gets written
                else:
                    f.create_dataset(name, data=data, **kwargs)
                open(spec['dir'] + '/' + name + '.bin', 'wb').write(f[name][()].tobytes())
        """;

    private static readonly (string Name, int[] Shape, string Kwargs)[] Datasets =
    [
        ("act_chunked", [6, 12, 16, 3], "{'chunks': (1, 12, 16, 3)}"),
        ("contiguous", [5, 12, 16, 3], "{}"),
        ("gzip", [6, 12, 16, 3], "{'chunks': (1, 12, 16, 3), 'compression': 'gzip'}"),
        ("straddling", [10, 13, 9, 3], "{'chunks': (3, 5, 4, 2)}"),
        ("multirow", [9, 8, 8, 3], "{'chunks': (4, 8, 8, 3)}"),
        ("gzip_shuffle_straddling", [7, 10, 10, 3], "{'chunks': (2, 4, 10, 3), 'compression': 'gzip', 'shuffle': True}"),
        ("unwritten_chunks", [4, 8, 8, 3], "{'chunks': (1, 8, 8, 3), 'partial': True}"),
        ("extensible", [6, 8, 8, 3], "{'chunks': (1, 8, 8, 3), 'maxshape': (None, 8, 8, 3)}"),
        ("shuffle_only", [4, 8, 8, 3], "{'chunks': (1, 8, 8, 3), 'shuffle': True}"),   // filtered, yet stored at full size
        ("fletcher32", [5, 8, 8, 3], "{'chunks': (2, 8, 8, 3), 'fletcher32': True}"),
        ("compact", [2, 2, 2, 3], "{'compact': True}"),
    ];

    private string WriteFile(string libver)
    {
        var path = PathOf($"rows_{libver}.hdf5");
        var datasets = Datasets.Select(d => new object[] { d.Name, d.Shape, d.Kwargs });
        H5pyWriter.RunScript(Script, JsonSerializer.Serialize(new { path, dir = Dir, libver, datasets }), Dir);
        return path;
    }

    [Theory]
    [InlineData("earliest")]   // h5py's default (and ACT's recorder): B-tree v1 chunk index
    [InlineData("latest")]     // fixed / extensible array chunk indexes
    public void Every_row_range_reads_back_exactly_what_h5py_wrote(string libver)
    {
        var file = WriteFile(libver);
        var (h5, stream) = H5ReadStream.Open(file);
        using var _ = h5;
        var root = new H5GroupView(file, "", h5, H5GroupView.LayoutHint, stream);

        foreach (var (name, shape, _) in Datasets)
        {
            var expected = File.ReadAllBytes(PathOf($"{name}.bin"));
            var rowBytes = expected.Length / shape[0];
            var set = root.Dataset(name);

            var all = new byte[expected.Length];
            set.ReadBytes(all);
            all.Should().Equal(expected, $"'{name}' read whole");
            for (var first = 0; first < shape[0]; first++)
                for (var count = 1; first + count <= shape[0]; count++)
                {
                    var rows = new byte[count * rowBytes];
                    set.ReadRows(rows, (ulong)first, (ulong)count);
                    rows.Should().Equal(expected.AsSpan(first * rowBytes, count * rowBytes).ToArray(), $"'{name}' rows {first}..{first + count - 1}");
                }
        }
    }

    [Fact]
    public void Uncompressed_frames_bypass_pureHDF_and_gzip_chunks_are_decoded_by_it()
    {
        var file = WriteFile("earliest");
        var (h5, stream) = H5ReadStream.Open(file);
        using var _ = h5;
        var root = new H5GroupView(file, "", h5, H5GroupView.LayoutHint, stream);
        ReadCounts Read(string name)
        {
            var set = root.Dataset(name);
            set.ReadBytes(new byte[File.ReadAllBytes(PathOf($"{name}.bin")).Length]);
            return set.Counts!;
        }

        Read("act_chunked").Should().BeEquivalentTo(new ReadCounts { RawChunks = 6 }, "each (1, H, W, 3) chunk is one pread into its frame");
        Read("contiguous").Should().BeEquivalentTo(new ReadCounts { ContiguousReads = 1 });
        Read("gzip").Should().BeEquivalentTo(new ReadCounts { DecodedChunks = 6 }, "PureHDF inflates them");
        Read("unwritten_chunks").Should().BeEquivalentTo(new ReadCounts { RawChunks = 1, DecodedChunks = 3 },
            "PureHDF makes the never-written chunks of fill values");
        Read("straddling").RawChunks.Should().Be(4 * 3 * 3 * 2);
        Read("shuffle_only").Should().BeEquivalentTo(new ReadCounts { DecodedChunks = 4 },
            "the skipped read of a full-size filtered chunk is noticed (PureHDF returns another buffer) and redone");
        Read("fletcher32").Should().BeEquivalentTo(new ReadCounts { DecodedChunks = 3 });
    }

    [Fact]
    public void Collections_moving_pureHDFs_chunk_buffers_change_neither_the_bytes_nor_the_plan()
    {
        var file = WriteFile("earliest");
        var (h5, stream) = H5ReadStream.Open(file);
        using var _ = h5;
        var root = new H5GroupView(file, "", h5, H5GroupView.LayoutHint, stream);
        // A compacting collection right after every other tagging, as other tests' allocations cause one now and then.
        var tagged = 0;
        stream.AfterTagging = () =>
        {
            if (tagged++ % 2 == 0) GC.Collect(0, GCCollectionMode.Forced, blocking: true, compacting: true);
        };
        var set = root.Dataset("straddling");
        var bytes = new byte[File.ReadAllBytes(PathOf("straddling.bin")).Length];
        set.ReadBytes(bytes);
        var shuffled = root.Dataset("shuffle_only");
        shuffled.ReadBytes(new byte[File.ReadAllBytes(PathOf("shuffle_only.bin")).Length]);

        bytes.Should().Equal(File.ReadAllBytes(PathOf("straddling.bin")));
        set.Counts.Should().BeEquivalentTo(new ReadCounts { RawChunks = 4 * 3 * 3 * 2 });
        shuffled.Counts.Should().BeEquivalentTo(new ReadCounts { DecodedChunks = 4 });
        tagged.Should().BeGreaterThan(2 * 72, "the collections did happen, and made reads go again");
    }

    [Fact]
    public void Compact_storage_and_files_opened_without_the_stream_read_through_pureHDF()
    {
        var file = WriteFile("latest");
        var (h5, stream) = H5ReadStream.Open(file);
        using var _ = h5;
        var compact = new H5GroupView(file, "", h5, H5GroupView.LayoutHint, stream).Dataset("compact");
        var plain = new H5GroupView(file, "", h5).Dataset("act_chunked");

        var bytes = new byte[2 * 2 * 2 * 3];
        compact.ReadBytes(bytes);
        var frames = new byte[6 * 12 * 16 * 3];
        plain.ReadBytes(frames);

        bytes.Should().Equal(File.ReadAllBytes(PathOf("compact.bin")));
        frames.Should().Equal(File.ReadAllBytes(PathOf("act_chunked.bin")));
        (compact.Counts, plain.Counts).Should().Be((null, null));
    }
}
