using System.CommandLine;
using Vla.Abstractions;
using Vla.Core.Data.Streaming;

namespace Vla.Cli;

/// <summary>
/// `--stream [--cache-mb N]`: read frames from disk while training instead of holding every episode in memory. The
/// weights are the same bit for bit; memory is bounded by the cache. Shared by `vla train` and `vla pretrain`, so both
/// accept the same values (0 keeps no decoded frames: every read decodes again).
/// </summary>
internal sealed class StreamOption
{
    public Option<bool> Stream { get; } = new("--stream")
    {
        Description = "read frames from disk while training (datasets larger than memory): same weights, memory bounded by --cache-mb",
    };

    public Option<int> CacheMb { get; } = new("--cache-mb")
    {
        Description = "with --stream: MiB of decoded frames kept in memory (0 keeps none)",
        DefaultValueFactory = _ => 1024,
    };

    /// <summary>The streaming settings, or null when --stream is not given.</summary>
    public StreamingOptions? Value(ParseResult parse)
    {
        if (!parse.GetValue(Stream)) return null;
        var mb = parse.GetValue(CacheMb);
        if (mb < 0) throw new VlaException($"--cache-mb must be >= 0, got {mb}", "give the MiB of decoded frames to keep, e.g. --cache-mb 1024 (0 keeps none)");
        return new StreamingOptions(mb * (1L << 20));
    }
}
