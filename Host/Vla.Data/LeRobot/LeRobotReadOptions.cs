using Vla.Abstractions;

namespace Vla.Data.LeRobot;

/// <summary>What to read from a LeRobot dataset and how.</summary>
/// <param name="Cameras">camera names: video/image feature keys without `observation.images.` (e.g. top, wrist); null reads every camera</param>
/// <param name="Instruction">overrides each episode's task text</param>
/// <param name="ImageSize">frames are resized to ImageSize x ImageSize while reading (area filter); null keeps the stored size</param>
/// <param name="ProprioKeys">numeric features concatenated, in order, into proprio; null means `observation.state`
/// (or no proprio when the dataset has none)</param>
public sealed record LeRobotReadOptions(
    IReadOnlyList<string>? Cameras = null,
    string? Instruction = null,
    int? ImageSize = null,
    IReadOnlyList<string>? ProprioKeys = null)
{
    public const string StateKey = "observation.state";
    public const string ActionKey = "action";

    /// <summary>The ffmpeg executable (tests point it elsewhere to check the error when it is missing).</summary>
    internal string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>Throws naming the bad property.</summary>
    public LeRobotReadOptions Validate()
    {
        if (Cameras is { Count: 0 })
            throw new VlaException("LeRobotReadOptions.Cameras is empty", "name at least one camera, or pass null to read all");
        if (Cameras is not null && Cameras.Distinct().Count() != Cameras.Count)
            throw new VlaException($"LeRobotReadOptions.Cameras has duplicates: {string.Join(", ", Cameras)}");
        if (ProprioKeys is not null && ProprioKeys.Distinct().Count() != ProprioKeys.Count)
            throw new VlaException($"LeRobotReadOptions.ProprioKeys has duplicates: {string.Join(", ", ProprioKeys)}");
        if (ImageSize is < 1 or > 4096)
            throw new VlaException($"LeRobotReadOptions.ImageSize must be in [1, 4096], got {ImageSize}");
        if (Instruction is not null && string.IsNullOrWhiteSpace(Instruction))
            throw new VlaException("LeRobotReadOptions.Instruction is blank", "pass null to use each episode's task");
        return this;
    }
}
