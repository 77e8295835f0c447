namespace Vla.Onnx;

/// <summary>ONNX Runtime settings of an <see cref="OrtPolicy"/>.</summary>
/// <param name="Threads">intra-op threads; 0 = ONNX Runtime's default (one per physical core)</param>
/// <param name="Optimize">full graph optimisation (constant folding, fusions); off only to debug</param>
public sealed record OrtOptions(int Threads = 0, bool Optimize = true);
