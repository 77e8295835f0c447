namespace Vla.Cli.Bench;

/// <summary>One measured configuration: a policy (parallel or autoregressive) on an engine with a thread count at a
/// batch size. Actions/s = batch * K actions per call over the mean call time.</summary>
internal sealed record EngineRun(string Policy, string Engine, int Threads, int Batch, int ActionsPerCall, LatencyStats Latency)
{
    public const string ParallelPolicy = "parallel-chunking";
    public const string AutoregressivePolicy = "autoregressive";

    public double ActionsPerSecond => ActionsPerCall / (Latency.Mean / 1000.0);

    public string Label => $"{Engine} {Threads}t";
}
