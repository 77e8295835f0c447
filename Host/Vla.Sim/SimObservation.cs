namespace Vla.Sim;

/// <summary>
/// What a policy sees: camera name -> H*W*3 RGB uint8 (row-major, top row first), the 8-D proprio
/// (see <see cref="SimConventions"/>) and the task's language instruction.
/// </summary>
public sealed record SimObservation(
    IReadOnlyDictionary<string, byte[]> Images, int Height, int Width, float[] Proprio, string Instruction);
