using PureHDF;
using PureHDF.VOL.Native;
using Vla.Abstractions;

namespace Vla.Data;

/// <summary>An HDF5 group plus where it is (file and path), so every lookup can fail with a message naming both.</summary>
/// <param name="hint">the expected layout, shown in errors; each format (LIBERO, ALOHA) names its own</param>
/// <param name="stream">what the file was opened with, when an <see cref="H5ReadStream"/>: datasets read rows directly through it</param>
internal sealed class H5GroupView(string file, string path, IH5Group group, string hint = H5GroupView.LayoutHint, H5ReadStream? stream = null)
{
    public string Hint { get; } = hint;

    public string File { get; } = file;

    /// <summary>Path inside the file, e.g. data/demo_3/obs.</summary>
    public string Path { get; } = path;

    /// <summary>Opens a file through an <see cref="H5ReadStream"/> and views its root group; the caller disposes the file.</summary>
    /// <param name="key">what a failure to open names (the dataset the caller is after, or "/")</param>
    public static (NativeFile File, H5GroupView Root) OpenRoot(string file, string key = "/", string hint = LayoutHint)
    {
        var (h5, stream) = Hdf5Guard.Run(file, key, () => H5ReadStream.Open(file));
        return (h5, new H5GroupView(file, "", h5, hint, stream));
    }

    public string KeyOf(string name) => Path.Length == 0 ? name : $"{Path}/{name}";

    public bool Has(string name) => Hdf5Guard.Run(File, KeyOf(name), () => group.LinkExists(name));

    /// <summary>Names of the children of one kind (<see cref="IH5Group"/> or <see cref="IH5Dataset"/>), in the file's order.</summary>
    public IReadOnlyList<string> ChildNames<T>() where T : IH5Object => Hdf5Guard.Run(File, Path, () =>
        group.Children().OfType<T>().Select(c => c.Name).ToList());

    public H5GroupView Group(string name)
    {
        Require(name, "group");
        var child = Hdf5Guard.Run(File, KeyOf(name), () => group.Get(name));
        return child is IH5Group g
            ? new H5GroupView(File, KeyOf(name), g, Hint, stream)
            : throw new VlaException($"{File}: '{KeyOf(name)}' is a dataset, expected a group", Hint);
    }

    public H5DatasetView Dataset(string name)
    {
        Require(name, "dataset");
        var child = Hdf5Guard.Run(File, KeyOf(name), () => group.Get(name));
        return child is IH5Dataset d
            ? new H5DatasetView(File, KeyOf(name), d, Hint, stream)
            : throw new VlaException($"{File}: '{KeyOf(name)}' is a group, expected a dataset", Hint);
    }

    /// <summary>A string attribute (variable- or fixed-length), or null when absent.</summary>
    public string? StringAttribute(string name) => Hdf5Guard.Run(File, $"{Path}.attrs['{name}']", () =>
        group.AttributeExists(name) ? group.Attribute(name).Read<string>() : null);

    /// <summary>An integer attribute, or null when absent or not an integer.</summary>
    public long? IntegerAttribute(string name) => Hdf5Guard.Run(File, $"{Path}.attrs['{name}']", () =>
    {
        if (!group.AttributeExists(name)) return (long?)null;
        var attribute = group.Attribute(name);
        if (attribute.Type.Class != H5DataTypeClass.FixedPoint || attribute.Space.Dimensions.Aggregate(1UL, (a, b) => a * b) != 1)
            return null;
        return attribute.Type.Size switch
        {
            1 => attribute.Type.FixedPoint.IsSigned ? attribute.Read<sbyte>() : attribute.Read<byte>(),
            2 => attribute.Type.FixedPoint.IsSigned ? attribute.Read<short>() : attribute.Read<ushort>(),
            4 => attribute.Type.FixedPoint.IsSigned ? attribute.Read<int>() : attribute.Read<uint>(),
            8 => attribute.Type.FixedPoint.IsSigned ? attribute.Read<long>() : (long)attribute.Read<ulong>(),
            _ => null,
        };
    });

    private void Require(string name, string kind)
    {
        if (Has(name)) return;
        var present = Hdf5Guard.Run(File, Path, () => group.Children().Select(c => c.Name).ToList());
        throw new VlaException($"{File}: missing {kind} '{KeyOf(name)}'",
            $"'{(Path.Length == 0 ? "/" : Path)}' holds: {(present.Count == 0 ? "nothing" : string.Join(", ", present))}. {Hint}");
    }

    internal const string LayoutHint =
        "expected the LIBERO/robomimic layout: data/demo_<i>/{actions, obs/<camera>_rgb, obs/ee_pos, ...}";
}
