namespace Vla.Sim;

/// <summary>Public description of one task: its suite, name, language instruction and step limit (20 Hz steps).</summary>
public sealed record SimTaskInfo(string Suite, string Name, string Instruction, int MaxSteps);
