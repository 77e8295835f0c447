using System.Globalization;
using System.Text.RegularExpressions;
using Vla.Abstractions;

namespace Vla.Data.LeRobot;

/// <summary>
/// Fills meta/info.json's Python format strings (`data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet`): only
/// `{name}` and zero-padded integers `{name:0Nd}` occur in LeRobot's templates, so that is all this understands.
/// </summary>
internal static partial class PathTemplate
{
    public static string Fill(string template, IReadOnlyDictionary<string, object> values, string infoFile, string key) =>
        Placeholder().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            if (!values.TryGetValue(name, out var value))
                throw new VlaException($"{infoFile}: '{key}' ({template}) uses '{{{name}}}', which is not a LeRobot path field",
                    $"known fields: {string.Join(", ", values.Keys)}");
            if (!m.Groups["width"].Success) return Convert.ToString(value, CultureInfo.InvariantCulture)!;
            if (value is not long and not int)
                throw new VlaException($"{infoFile}: '{key}' formats '{{{name}}}' as a number but it is text");
            return Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
                .PadLeft(int.Parse(m.Groups["width"].Value, CultureInfo.InvariantCulture), '0');
        });

    [GeneratedRegex(@"\{(?<name>\w+)(?::0?(?<width>\d+)d)?\}")]
    private static partial Regex Placeholder();
}
