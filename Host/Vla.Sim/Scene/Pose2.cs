namespace Vla.Sim.Scene;

/// <summary>A table-top placement: centre x, y (metres) and yaw about z (radians).</summary>
internal readonly record struct Pose2(double X, double Y, double Yaw = 0);
