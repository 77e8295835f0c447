using Microsoft.ML;

namespace Vla.MLNet;

/// <summary>One recipe camera and the column holding its pixels.</summary>
internal sealed record BoundCamera(string Camera, DataViewSchema.Column Column);

/// <summary>Observation columns resolved against one schema.</summary>
internal sealed record BoundObservation(
    IReadOnlyList<BoundCamera> Cameras,
    DataViewSchema.Column Instruction,
    DataViewSchema.Column? Proprio,
    int Height,
    int Width,
    bool PixelsAreScaled)
{
    public IEnumerable<DataViewSchema.Column> Columns =>
        Cameras.Select(c => c.Column).Append(Instruction).Concat(Proprio is { } p ? [p] : []);
}
