using Vla.Sim.Scene;

namespace Vla.Sim.Tasks;

/// <summary>The distinct objects the suites draw from (distinct shape/colour so a camera can tell them apart).</summary>
internal static class Palette
{
    internal static ObjectSpec RedCube(string name = "red_cube") => ObjectSpec.Cube(name, "red cube", "0.85 0.12 0.12 1");
    internal static ObjectSpec GreenCube() => ObjectSpec.Cube("green_cube", "green cube", "0.15 0.7 0.2 1");
    internal static ObjectSpec BlueCylinder() => ObjectSpec.Cylinder("blue_cylinder", "blue cylinder", "0.15 0.3 0.9 1");
    internal static ObjectSpec YellowCylinder() => ObjectSpec.Cylinder("yellow_cylinder", "yellow cylinder", "0.95 0.82 0.1 1");
    internal static ObjectSpec OrangeBlock() =>
        new("orange_block", "orange block", ShapeKind.Box, 0.018, 0.03, 0.022, "1 0.5 0.05 1");
    internal static ObjectSpec PurpleCylinder() =>
        ObjectSpec.Cylinder("purple_cylinder", "purple cylinder", "0.55 0.2 0.75 1", radius: 0.022, halfHeight: 0.02);

    internal static IReadOnlyList<ObjectSpec> All() =>
        [RedCube(), GreenCube(), BlueCylinder(), YellowCylinder(), OrangeBlock(), PurpleCylinder()];

    /// <summary>Small random yaw for boxes: the parallel jaw squares them up while closing.</summary>
    internal const double BoxYawRange = 0.25;

    internal static double YawRange(ObjectSpec o) => o.Shape == ShapeKind.Box ? BoxYawRange : 0;
}
