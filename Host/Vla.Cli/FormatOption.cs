using System.CommandLine;
using Vla.Data;

namespace Vla.Cli;

/// <summary>`--format`: a dataset layout (libero-hdf5, robomimic-hdf5, aloha-hdf5), shared by stats, import and train.</summary>
internal static class FormatOption
{
    public static Option<string?> Create(string description)
    {
        var option = new Option<string?>("--format") { Description = description };
        option.AcceptOnlyFromAmong([.. DatasetFormats.Names]);
        return option;
    }

    /// <summary>The named format, or the one detected from the data when none is named.</summary>
    public static DatasetFormat Resolve(string? name, string path) =>
        name is null ? DatasetFormats.Detect(path) : DatasetFormats.Parse(name);
}
