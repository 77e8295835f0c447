namespace Vla.Sim.Scene;

/// <summary>Small double-precision 3-vector for world positions (metres, z up, table top at z = 0).</summary>
internal readonly record struct Vec3(double X, double Y, double Z)
{
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator *(Vec3 a, double s) => new(a.X * s, a.Y * s, a.Z * s);
    public double HorizontalDistance(Vec3 o) => Math.Sqrt((X - o.X) * (X - o.X) + (Y - o.Y) * (Y - o.Y));
    public double Length => Math.Sqrt(X * X + Y * Y + Z * Z);
    public Vec3 WithZ(double z) => new(X, Y, z);
}
