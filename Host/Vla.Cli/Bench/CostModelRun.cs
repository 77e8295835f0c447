namespace Vla.Cli.Bench;

/// <summary>The cost model on one engine at one thread count, beside the ratio measured end to end on the same engine
/// and threads at batch 1 (the model explains it; pixel conversion, tokenisation and de-normalisation, outside the parts, make the difference).</summary>
internal sealed record CostModelRun(string Engine, int Threads, CostModel Model, LatencyStats Prefix, LatencyStats DecodeStep, LatencyStats Chunk,
    double MeasuredRatio);
