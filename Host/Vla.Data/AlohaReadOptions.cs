using Vla.Abstractions;

namespace Vla.Data;

/// <summary>What to read from an ACT/ALOHA HDF5 dataset (one episode per file) and how.</summary>
/// <param name="Cameras">names under `/observations/images` (e.g. cam_high, cam_left_wrist); null reads every camera
/// of the first file, which every later file must then have too</param>
/// <param name="Instruction">ALOHA files carry no language: the instruction for every episode; null uses the folder
/// name with '_' as spaces (`sim_transfer_cube` -> "sim transfer cube")</param>
/// <param name="ImageSize">frames are resized to ImageSize x ImageSize while reading (area filter); null keeps the stored size</param>
public sealed record AlohaReadOptions(
    IReadOnlyList<string>? Cameras = null,
    string? Instruction = null,
    int? ImageSize = null)
{
    /// <summary>Throws naming the bad property.</summary>
    public AlohaReadOptions Validate()
    {
        if (Cameras is { Count: 0 })
            throw new VlaException("AlohaReadOptions.Cameras is empty", "name at least one camera, or pass null to read all");
        if (Cameras is not null && Cameras.Distinct().Count() != Cameras.Count)
            throw new VlaException($"AlohaReadOptions.Cameras has duplicates: {string.Join(", ", Cameras)}");
        if (ImageSize is < 1 or > 4096)
            throw new VlaException($"AlohaReadOptions.ImageSize must be in [1, 4096], got {ImageSize}");
        if (Instruction is not null && string.IsNullOrWhiteSpace(Instruction))
            throw new VlaException("AlohaReadOptions.Instruction is blank", "pass null to use the folder name");
        return this;
    }
}
