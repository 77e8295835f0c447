namespace Vla.Abstractions;

/// <summary>What a policy sees at one step: a frame per camera, the instruction and the raw proprio state.</summary>
public sealed record Observation(IReadOnlyList<CameraImage> Images, string Instruction, float[] Proprio);
