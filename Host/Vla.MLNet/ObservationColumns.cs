using Microsoft.ML;
using Microsoft.ML.Data;
using Vla.Abstractions;

namespace Vla.MLNet;

/// <summary>Which columns hold a policy's observation and where its prediction goes (shared by Fit and Transform).</summary>
internal sealed record ObservationColumns(
    IReadOnlyDictionary<string, string>? CameraColumns,
    string Instruction,
    string Proprio,
    string Output,
    bool PixelsAreScaled,
    int? ImageHeight,
    int? ImageWidth)
{
    public string CameraColumn(string camera) => CameraColumns?.GetValueOrDefault(camera) ?? camera;

    /// <summary>The checks a <see cref="SchemaShape"/> allows (kinds and item types; it carries no vector sizes).</summary>
    public void CheckShape(SchemaShape shape, Recipe recipe)
    {
        foreach (var camera in recipe.Cameras)
            SchemaErrors.FloatVector(SchemaErrors.Find(shape, CameraColumn(camera), CameraRole(camera)), CameraRole(camera));
        var instruction = SchemaErrors.Find(shape, Instruction, "instruction");
        if (instruction.Kind != SchemaShape.Column.VectorKind.Scalar || instruction.ItemType is not TextDataViewType)
            throw SchemaErrors.Mismatch(Instruction, "instruction", "a scalar of String (text)", SchemaErrors.Describe(instruction));
        if (recipe.ProprioDim > 0) SchemaErrors.FloatVector(SchemaErrors.Find(shape, Proprio, "proprio"), "proprio");
    }

    /// <summary>Resolves and checks every column against a real schema (with sizes); throws naming the column.</summary>
    public BoundObservation Bind(DataViewSchema schema, Recipe recipe)
    {
        var (height, width) = (-1, -1);
        var cameras = new List<BoundCamera>();
        foreach (var camera in recipe.Cameras)
        {
            var column = SchemaErrors.Find(schema, CameraColumn(camera), CameraRole(camera));
            var (h, w) = ImageSize(column, CameraRole(camera), recipe);
            if (cameras.Count > 0 && (h, w) != (height, width))
                throw SchemaErrors.Mismatch(column.Name, CameraRole(camera), $"{height}x{width} pixels like '{cameras[0].Column.Name}'",
                    $"{h}x{w}", "all cameras must share one image size (resize them with ResizeImages)");
            (height, width) = (h, w);
            cameras.Add(new BoundCamera(camera, column));
        }
        var instruction = SchemaErrors.Find(schema, Instruction, "instruction");
        if (instruction.Type is not TextDataViewType)
            throw SchemaErrors.Mismatch(Instruction, "instruction", "String (text)", instruction.Type.ToString()!);
        DataViewSchema.Column? proprio = null;
        if (recipe.ProprioDim > 0)
        {
            proprio = SchemaErrors.Find(schema, Proprio, "proprio");
            SchemaErrors.FloatVector(proprio.Value, "proprio", recipe.ProprioDim, "the recipe's proprio_dim");
        }
        return new BoundObservation(cameras, instruction, proprio, height, width, PixelsAreScaled);
    }

    /// <summary>(H, W) from the column's (3, H, W) shape (ExtractPixels), else the options, else the recipe.</summary>
    private (int Height, int Width) ImageSize(DataViewSchema.Column column, string role, Recipe recipe)
    {
        var size = SchemaErrors.FloatVector(column, role, expectedSize: null);
        var dims = ((VectorDataViewType)column.Type).Dimensions;
        if (dims.Length == 3 && dims[2] == 3 && dims[0] != 3)
            throw SchemaErrors.Mismatch(column.Name, role, "planar pixels (3, H, W)", $"interleaved pixels ({dims[0]}, {dims[1]}, 3)",
                "use ExtractPixels(interleavePixelColors: false), its default");
        (int H, int W) shape = dims.Length == 3 && dims[0] == 3
            ? (dims[1], dims[2])
            : (ImageHeight ?? recipe.ImageSize, ImageWidth ?? recipe.ImageSize);
        if (dims.Length == 3 && (ImageHeight is { } h && h != shape.H || ImageWidth is { } w && w != shape.W))
            throw SchemaErrors.Mismatch(column.Name, role, $"{ImageHeight}x{ImageWidth} pixels (ImageHeight x ImageWidth)",
                $"{shape.H}x{shape.W} pixels");
        if (size != 3 * shape.H * shape.W)
            throw SchemaErrors.Mismatch(column.Name, role, $"a vector of 3*{shape.H}*{shape.W} = {3 * shape.H * shape.W} floats (planar RGB)",
                $"a vector of {size}", "set ImageHeight/ImageWidth, or resize the images to the recipe's image_size");
        return shape;
    }

    private static string CameraRole(string camera) => $"camera '{camera}' pixels";
}
