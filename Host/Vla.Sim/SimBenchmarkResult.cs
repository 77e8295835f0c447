namespace Vla.Sim;

/// <summary>
/// Simulator throughput: environment steps (physics + both cameras when rendering) per wall-clock second and
/// per second of process CPU time (the latter is robust to other load on the machine).
/// </summary>
public sealed record SimBenchmarkResult(double StepsPerSecond, double StepsPerCpuSecond, int Steps, int ImageSize, bool Rendered, string GlBackend);
