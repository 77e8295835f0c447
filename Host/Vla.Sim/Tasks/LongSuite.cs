using Vla.Sim.Scene;

namespace Vla.Sim.Tasks;

/// <summary>
/// "long": two-stage tasks ("put A in the basket and then put B on the plate") over one object set placed at
/// random; success needs both placements to hold at the same time.
/// </summary>
internal static class LongSuite
{
    internal const string Name = "long";

    private static readonly SceneSpec Scene = new(
        [Palette.RedCube(), Palette.BlueCylinder(), Palette.YellowCylinder(), Palette.GreenCube()],
        [FixtureSpec.Plate(), FixtureSpec.Basket()]);

    internal static IReadOnlyList<SimTask> Tasks() =>
    [
        Two("red_cube", "basket", "blue_cylinder", "plate"),
        Two("blue_cylinder", "basket", "red_cube", "plate"),
        Two("green_cube", "plate", "yellow_cylinder", "basket"),
        Two("yellow_cylinder", "plate", "green_cube", "basket"),
        Two("red_cube", "basket", "green_cube", "basket"),
        Two("blue_cylinder", "basket", "yellow_cylinder", "basket"),
    ];

    private static SimTask Two(string a, string fa, string b, string fb)
    {
        // Two objects in one basket go to different slots (along y, where the open fingers are narrow).
        double slotA = fa == fb ? -0.035 : 0, slotB = fa == fb ? 0.035 : 0;
        string instruction = fa == fb
            ? $"put the {Label(a)} and the {Label(b)} {Where(fa)}"
            : $"put the {Label(a)} {Where(fa)} and then put the {Label(b)} {Where(fb)}";
        var info = new SimTaskInfo(Name, $"{a}_{fa}_then_{b}_{fb}", instruction, 440);
        return new SimTask(info, Scene, [new PlaceGoal(a, fa, slotA), new PlaceGoal(b, fb, slotB)],
            rng => ObjectSuite.Layout(rng, Scene));
    }

    private static string Label(string name) => Scene.Object(name).Label;

    private static string Where(string fixture) => fixture == "plate" ? "on the plate" : "in the basket";
}
