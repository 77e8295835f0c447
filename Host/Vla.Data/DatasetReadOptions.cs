namespace Vla.Data;

/// <summary>What to read from a dataset of any <see cref="DatasetFormat"/> (null: the format's defaults).</summary>
public sealed record DatasetReadOptions(
    IReadOnlyList<string>? Cameras = null,
    string? Instruction = null,
    int? ImageSize = null,
    IReadOnlyList<string>? ProprioKeys = null);
