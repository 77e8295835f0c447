namespace Vla.Data.LeRobot;

/// <summary>One episode's rows out of a data file: actions, proprio, the frame times and any image-feature frames.</summary>
internal sealed record LeRobotEpisodeRows(
    LeRobotEpisodeEntry Entry,
    string Instruction,
    float[][] Actions,
    float[][] Proprio,
    double[] Timestamps,
    IReadOnlyDictionary<string, (int Height, int Width, byte[][] Frames)> Images,
    string Source);
