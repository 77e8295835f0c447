using PureHDF;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Data.Streaming;

namespace Vla.Data;

/// <summary>
/// Reads LIBERO task files (`data/demo_*` + `data.attrs['problem_info']`) into episodes in demo order. One instance
/// per dataset: it fixes the <see cref="ReadPlan"/> at the first demo and reuses one <see cref="FrameReader"/>.
/// </summary>
internal sealed class TaskFileReader(LiberoReadOptions options)
{
    private readonly FrameReader _frames = new(options.ImageSize);
    private ReadPlan? _plan;

    public List<Episode> Read(string file) => EachDemo(file, (demo, instruction, plan) => DemoReader.Read(demo, instruction, plan, _frames));

    /// <summary>The file's demos without their frames, and where the frames are (for streaming).</summary>
    public List<(Episode Episode, FrameLocation Frames)> Index(string file) =>
        EachDemo(file, (demo, instruction, plan) => DemoReader.Index(demo, instruction, plan, options.ImageSize));

    private List<T> EachDemo<T>(string file, Func<H5GroupView, string, ReadPlan, T> read)
    {
        if (new FileInfo(file).Length == 0)
            throw new VlaException($"{file}: the file is empty", "an interrupted download or write: re-download or regenerate it");
        var (h5, root) = H5GroupView.OpenRoot(file);
        using var _ = h5;
        var data = root.Group("data");
        var instruction = options.Instruction ?? InstructionSource.Of(data);
        var demos = DemoOrder.Sort(data.ChildNames<IH5Group>());
        if (demos.Count == 0)
            throw new VlaException($"{file}: 'data' has no demo_<i> groups",
                $"'data' holds: {string.Join(", ", data.ChildNames<IH5Object>())}. {H5GroupView.LayoutHint}");
        var episodes = new List<T>(demos.Count);
        foreach (var name in demos)
        {
            var demo = data.Group(name);
            _plan ??= ReadPlan.Resolve(options, demo.Group("obs"), ReadPlan.StoredProprioKeys(data));
            episodes.Add(read(demo, instruction, _plan));
        }
        return episodes;
    }
}
