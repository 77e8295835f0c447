using Microsoft.ML;
using Microsoft.ML.Data;

namespace Vla.MLNet;

/// <summary>
/// A model loaded from a .zip by <see cref="VlaCatalog.LoadModel"/>: ML.NET's own transformer, with the input schema
/// saved beside it checked first, so a column of another size (e.g. images not resized to the recipe's image_size)
/// fails naming the column and the fix instead of deep inside ONNX Runtime. Saves as the transformer it wraps.
/// </summary>
public sealed class SavedModel : ITransformer
{
    internal SavedModel(ITransformer model, DataViewSchema? inputSchema)
    {
        Model = model;
        InputSchema = inputSchema;
    }

    /// <summary>What <c>mlContext.Model.Load</c> returned (an OnnxTransformer, or a chain ending with one).</summary>
    public ITransformer Model { get; }

    /// <summary>The input schema stored in the .zip; null when it was saved without one (nothing is checked then).</summary>
    public DataViewSchema? InputSchema { get; }

    public bool IsRowToRowMapper => Model.IsRowToRowMapper;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Model.GetOutputSchema(Check(inputSchema));

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Check(input.Schema);
        return Model.Transform(input);
    }

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => Model.GetRowToRowMapper(Check(inputSchema));

    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)Model).Save(ctx);

    /// <summary>Every saved input column must be present with the same type (vector sizes included).</summary>
    private DataViewSchema Check(DataViewSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (InputSchema is null) return schema;
        foreach (var saved in InputSchema.Where(c => !c.IsHidden))
        {
            var column = SchemaErrors.Find(schema, saved.Name, "an input of the saved model");
            if (column.Type.Equals(saved.Type)) continue;
            throw saved.Type is VectorDataViewType { Dimensions.Length: 3 } pixels && pixels.Dimensions[0] == 3
                ? SchemaErrors.Mismatch(saved.Name, "camera pixels", $"planar floats {Shape(pixels)}", Describe(column.Type),
                    $"resize the images to {pixels.Dimensions[1]}x{pixels.Dimensions[2]} (ResizeImages), the size the model was saved for")
                : SchemaErrors.Mismatch(saved.Name, "an input of the saved model", Describe(saved.Type), Describe(column.Type));
        }
        return schema;
    }

    private static string Describe(DataViewType type) => type is VectorDataViewType v ? $"{v.ItemType} {Shape(v)}" : type.ToString()!;

    private static string Shape(VectorDataViewType v) => v.IsKnownSize ? $"({string.Join(", ", v.Dimensions.ToArray())})" : "(variable size)";
}
