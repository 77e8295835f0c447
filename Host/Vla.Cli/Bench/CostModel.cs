namespace Vla.Cli.Bench;

/// <summary>
/// Why parallel decoding + chunking is faster, from timed parts: the autoregressive baseline pays a prefix pass plus
/// cached one-token steps for every action; the parallel policy pays one chunk pass for K actions.
/// ratio = (t_prefix + n * t_decode_step) / (t_chunk / K), n = D when the prefix pass stops before the start token
/// (TorchSharp parts), n = D - 1 when it already yields the first token (ONNX Runtime's prefill graph).
/// </summary>
internal sealed record CostModel(double PrefixMs, double DecodeStepMs, double ChunkMs, int K, int DecodeSteps)
{
    public double AutoregressiveMsPerAction => PrefixMs + DecodeSteps * DecodeStepMs;

    public double ParallelMsPerAction => ChunkMs / K;

    public double Ratio => AutoregressiveMsPerAction / ParallelMsPerAction;

    public string Formula =>
        $"({PrefixMs:F2} + {DecodeSteps} x {DecodeStepMs:F3}) / ({ChunkMs:F2} / {K}) = {AutoregressiveMsPerAction:F2} / {ParallelMsPerAction:F2} = {Ratio:F1}x";
}
