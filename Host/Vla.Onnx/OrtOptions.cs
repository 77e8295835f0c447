namespace Vla.Onnx;

/// <summary>ONNX Runtime settings of an <see cref="OrtPolicy"/>.</summary>
/// <param name="Threads">intra-op threads; 0 = ONNX Runtime's default (one per physical core). Default 1: `vla bench`
/// measured 1 thread at 2.4x the actions/s of 2 threads on a loaded 2-core machine, and closed-loop evaluation runs
/// simulator workers beside the policy</param>
/// <param name="Optimize">full graph optimisation (constant folding, fusions); off only to debug</param>
public sealed record OrtOptions(int Threads = 1, bool Optimize = true);
