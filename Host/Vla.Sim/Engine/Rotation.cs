using Vla.Sim.Scene;

namespace Vla.Sim.Engine;

/// <summary>Quaternion helpers (MuJoCo order w, x, y, z).</summary>
internal static class Rotation
{
    internal static double[] YawQuat(double yaw) => [Math.Cos(yaw / 2), 0, 0, Math.Sin(yaw / 2)];

    /// <summary>On its side: qz(yaw) * qy(90 deg) turns the body's z axis (a cylinder's axis) to the horizontal
    /// direction (cos yaw, sin yaw, 0); yaw 0 points it along x, the fingers' travel.</summary>
    internal static double[] LyingQuat(double yaw)
    {
        double c = Math.Cos(yaw / 2), s = Math.Sin(yaw / 2), h = Math.Sqrt(0.5);
        return [c * h, -s * h, c * h, s * h];
    }

    /// <summary>Heading about z of a (mostly yaw-only) quaternion.</summary>
    internal static double Yaw(ReadOnlySpan<double> q) =>
        Math.Atan2(2 * (q[0] * q[3] + q[1] * q[2]), 1 - 2 * (q[2] * q[2] + q[3] * q[3]));

    /// <summary>Degrees between a body's z axis and the world's (0 upright, 90 on its side): z_body . z_world = 1 - 2(x^2 + y^2).</summary>
    internal static double TiltDegrees(ReadOnlySpan<double> q) =>
        Math.Acos(Math.Clamp(1 - 2 * (q[1] * q[1] + q[2] * q[2]), -1, 1)) * 180 / Math.PI;

    /// <summary>Axis-angle vector (axis * angle, angle in [0, pi]) of a unit quaternion.</summary>
    internal static Vec3 AxisAngle(ReadOnlySpan<double> q)
    {
        double w = q[0], x = q[1], y = q[2], z = q[3];
        if (w < 0) { w = -w; x = -x; y = -y; z = -z; }
        double s = Math.Sqrt(x * x + y * y + z * z);
        if (s < 1e-9) return new Vec3(0, 0, 0);
        double angle = 2 * Math.Atan2(s, w);
        return new Vec3(x / s * angle, y / s * angle, z / s * angle);
    }
}
