namespace Vla.Cli.Bench;

/// <summary>Synchronous progress lines (System.Progress posts to the thread pool, which would reorder and delay them).</summary>
internal sealed class LineProgress(TextWriter writer) : IProgress<string>
{
    public void Report(string value) => writer.WriteLine(value);
}
