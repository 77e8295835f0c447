namespace Vla.Sim.Scene;

internal enum FixtureKind { Plate, Basket, Bowl }

/// <summary>
/// A static target or landmark (a mocap body, so it can be moved at reset without recompiling the model).
/// The geometry constants here are shared by the MJCF builder, the success detector and the expert.
/// </summary>
internal sealed record FixtureSpec(string Name, string Label, FixtureKind Kind, string Rgba)
{
    internal const double PlateRadius = 0.065, PlateHalfHeight = 0.004, PlateSlabHalf = 0.052;
    internal const double BasketHalf = 0.085, BasketWall = 0.005, BasketFloor = 0.006, BasketWallHeight = 0.045;
    internal const double BowlRadius = 0.045, BowlHalfHeight = 0.02;

    /// <summary>Height of the surface an object rests on when placed on/in this fixture.</summary>
    internal double SurfaceTop => Kind switch
    {
        FixtureKind.Plate => 2 * PlateHalfHeight,
        FixtureKind.Basket => BasketFloor,
        _ => 2 * BowlHalfHeight,
    };

    /// <summary>Max horizontal offset of an object's centre from the fixture centre that still counts as placed.</summary>
    internal double AcceptRadius => Kind switch
    {
        FixtureKind.Plate => PlateRadius - 0.01,
        FixtureKind.Basket => BasketHalf - BasketWall - 0.012,
        _ => BowlRadius - 0.01,
    };

    internal double FootprintRadius => Kind switch
    {
        FixtureKind.Plate => PlateRadius,
        FixtureKind.Basket => BasketHalf * 1.3,
        _ => BowlRadius,
    };

    internal static FixtureSpec Plate(string name = "plate") => new(name, "plate", FixtureKind.Plate, "0.93 0.93 0.9 1");
    internal static FixtureSpec Basket(string name = "basket") => new(name, "basket", FixtureKind.Basket, "0.55 0.38 0.2 1");
    internal static FixtureSpec Bowl(string name = "bowl") => new(name, "bowl", FixtureKind.Bowl, "0.3 0.6 0.65 1");
}
