namespace Vla.Onnx;

/// <summary>How an exported policy's graphs are driven (stored in policy.onnx's metadata).</summary>
internal enum ExportLoop
{
    /// <summary>policy.onnx maps raw observations to raw actions in one run (parallel decoding, L1 or discrete).</summary>
    OnePass,

    /// <summary>policy.onnx gives the prefix; denoise.onnx is one DDIM step; finish.onnx clamps and de-normalises.</summary>
    Denoising,

    /// <summary>policy.onnx is the prefill (logits + KV cache); decode.onnx one greedy step; finish.onnx detokenises.</summary>
    CachedDecode,
}
