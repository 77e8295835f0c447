using Vla.Abstractions;

namespace Vla.Data.LeRobot;

/// <summary>How to write a LeRobot dataset.</summary>
/// <param name="Fps">frames per second of the data (timestamps are frame_index / Fps); our simulator records at 20</param>
/// <param name="RobotType">info.json's robot_type (free text, e.g. "panda"); null leaves it unset</param>
public sealed record LeRobotWriteOptions(int Fps = 20, string? RobotType = null)
{
    /// <summary>The ffmpeg executable (tests point it elsewhere to check the error when it is missing).</summary>
    internal string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>Throws naming the bad property.</summary>
    public LeRobotWriteOptions Validate()
    {
        if (Fps is < 1 or > 1000) throw new VlaException($"LeRobotWriteOptions.Fps must be in [1, 1000], got {Fps}", "use the rate the data was recorded at, e.g. --fps 20");
        if (RobotType is not null && string.IsNullOrWhiteSpace(RobotType))
            throw new VlaException("LeRobotWriteOptions.RobotType is blank", "pass null to leave it unset");
        return this;
    }
}
