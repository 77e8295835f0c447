using System.Globalization;

namespace Vla.Sim.Scene;

/// <summary>
/// The fixed front camera of every scene (MjcfBuilder writes it from these numbers), and where a world point appears in
/// its image: the labels of the auxiliary pointing loss (`obs/goal_pixels`). A pinhole camera as MuJoCo renders it:
/// looking down its -z axis, `fovy` the vertical field of view, square images.
/// </summary>
internal static class AgentviewCamera
{
    internal static readonly Vec3 Position = new(0, -0.52, 0.48);

    // MuJoCo's xyaxes: the image's right (x) and up (y) directions in world coordinates (y is normalised by MuJoCo).
    internal static readonly Vec3 Right = new(1, 0, 0), Up = new(0, 0.68, 0.73);

    internal const double FovyDegrees = 45;

    internal static string MjcfAttributes => string.Create(CultureInfo.InvariantCulture,
        $"pos=\"{Position.X} {Position.Y} {Position.Z}\" xyaxes=\"{Right.X} {Right.Y} {Right.Z} {Up.X} {Up.Y} {Up.Z}\" fovy=\"{FovyDegrees}\"");

    /// <summary>
    /// (u, v) of a world point in the image, as fractions of its width and height from the top-left corner (the order
    /// frames are stored in); outside [0, 1) when the point is out of view, NaN when it is behind the camera.
    /// </summary>
    internal static (double U, double V) Project(Vec3 world)
    {
        var up = Up * (1 / Up.Length);
        var back = Cross(Right, up);                                      // the camera looks along -back
        var d = world - Position;
        double x = Dot(d, Right), y = Dot(d, up), depth = -Dot(d, back);
        if (depth <= 1e-6) return (double.NaN, double.NaN);
        var halfExtent = Math.Tan(FovyDegrees * Math.PI / 360);            // tan(fovy / 2): image half-height at depth 1
        return (0.5 + x / depth / (2 * halfExtent), 0.5 - y / depth / (2 * halfExtent));
    }

    private static double Dot(Vec3 a, Vec3 b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;

    private static Vec3 Cross(Vec3 a, Vec3 b) => new(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);
}
