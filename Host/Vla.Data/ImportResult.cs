namespace Vla.Data;

/// <summary>What an import wrote.</summary>
public sealed record ImportResult(int Episodes, long Frames, double Seconds, string Out, IReadOnlyList<string> Files);
