using Vla.Sim.Scene;

namespace Vla.Sim.Tasks.Pretrain;

/// <summary>
/// The object pool of the pretraining family: every colour x shape, so the base sees far more kinds of objects
/// than the evaluation suites use. The six evaluation objects keep Palette's exact sizes (same label, same object),
/// the rest use the default sizes of their shape (all graspable by the expert's fixed grip height).
/// </summary>
internal static class PretrainObjects
{
    // Colours far from the table (brown), the plate (white) and each other, so a 64 px camera tells them apart.
    private static readonly (string Name, string Rgba)[] Colours =
    [
        ("red", "0.85 0.12 0.12 1"), ("green", "0.15 0.7 0.2 1"), ("blue", "0.15 0.3 0.9 1"),
        ("yellow", "0.95 0.82 0.1 1"), ("orange", "1 0.5 0.05 1"), ("purple", "0.55 0.2 0.75 1"),
        ("pink", "0.95 0.45 0.7 1"), ("black", "0.08 0.08 0.08 1"), ("cyan", "0.1 0.8 0.85 1"),
    ];

    private static readonly string[] Shapes = ["cube", "cylinder", "block"];

    private static readonly Lazy<IReadOnlyList<ObjectSpec>> Pool = new(Build);

    internal static IReadOnlyList<ObjectSpec> All => Pool.Value;

    private static IReadOnlyList<ObjectSpec> Build()
    {
        var evaluation = Palette.All().ToDictionary(o => o.Label);
        var pool = new List<ObjectSpec>();
        foreach (var (colour, rgba) in Colours)
            foreach (var shape in Shapes)
            {
                string label = $"{colour} {shape}", name = $"{colour}_{shape}";
                pool.Add(evaluation.TryGetValue(label, out var known) ? known : Make(name, label, shape, rgba));
            }
        return pool;
    }

    private static ObjectSpec Make(string name, string label, string shape, string rgba) => shape switch
    {
        "cube" => ObjectSpec.Cube(name, label, rgba),
        "cylinder" => ObjectSpec.Cylinder(name, label, rgba),
        _ => new ObjectSpec(name, label, ShapeKind.Box, 0.018, 0.03, 0.022, rgba), // Palette's orange block size
    };

    /// <summary>A second, identical object under another body name (the spatial template's twin).</summary>
    internal static ObjectSpec Twin(ObjectSpec o, string name) => o with { Name = name };
}
