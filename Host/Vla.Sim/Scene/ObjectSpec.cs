namespace Vla.Sim.Scene;

internal enum ShapeKind { Box, Cylinder }

/// <summary>
/// A graspable free-floating object. HalfSize is (hx, hy, hz) for boxes and (radius, radius, hz) for cylinders;
/// Label is how instructions name it ("red cube").
/// </summary>
internal sealed record ObjectSpec(string Name, string Label, ShapeKind Shape, double Hx, double Hy, double Hz, string Rgba)
{
    internal double HalfHeight => Hz;

    internal double MinHalfExtent => Math.Min(Math.Min(Hx, Hy), Hz);

    /// <summary>Radius of the disc the object covers on the table (for non-overlapping placement).</summary>
    internal double FootprintRadius => Shape == ShapeKind.Cylinder ? Hx : Math.Sqrt(Hx * Hx + Hy * Hy);

    internal static ObjectSpec Cube(string name, string label, string rgba, double half = 0.02) =>
        new(name, label, ShapeKind.Box, half, half, half, rgba);

    internal static ObjectSpec Cylinder(string name, string label, string rgba, double radius = 0.02, double halfHeight = 0.025) =>
        new(name, label, ShapeKind.Cylinder, radius, radius, halfHeight, rgba);
}
