using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetPredict;

/// <summary>Loads a saved policy with mlContext.Model.Load and runs it on one row built from files and arguments.</summary>
internal static class SavedPolicy
{
    private const int MaxCameras = 4;

    public static (ITransformer Model, ModelColumns Columns) Load(MLContext ml, string path)
    {
        if (!File.Exists(path))
            throw new SampleException($"model file '{path}' does not exist; pass the .zip written by mlContext.Model.Save " +
                "or by `vla export --run RUN --json` (its \"mlnet\" path)");
        try
        {
            var model = ml.Model.Load(path, out var schema);
            return (model, ModelColumns.From(schema, path));
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or InvalidOperationException
                                      or ArgumentException or IOException or NotSupportedException)
        {
            throw new SampleException($"'{path}' is not a complete ML.NET model ({e.GetType().Name}: {FirstLine(e.Message)}); " +
                "the file is truncated, damaged or not a model .zip: save it again with mlContext.Model.Save or `vla export`");
        }
    }

    /// <summary>Images -> LoadImages/ResizeImages/ExtractPixels into the camera columns -> the model -> (K, D) rows.</summary>
    public static float[][] Predict(MLContext ml, ITransformer model, ModelColumns columns, Arguments a)
    {
        var cameras = columns.Cameras;
        if (cameras.Count > MaxCameras) throw new SampleException($"this sample feeds at most {MaxCameras} cameras; the model has {cameras.Count}");
        if (a.Images.Length != 1 && a.Images.Length != cameras.Count)
            throw new SampleException($"the model has {cameras.Count} cameras ({string.Join(", ", cameras.Select(c => c.Name))}): " +
                $"pass {cameras.Count} comma-separated images in that order, or one image for all; got {a.Images.Length}");
        var images = cameras.Select((_, i) => Path.GetFullPath(a.Images[a.Images.Length == 1 ? 0 : i])).ToArray();
        foreach (var image in images.Where(i => !File.Exists(i)))
            throw new SampleException($"image file '{image}' does not exist");
        var proprio = a.Proprio ?? new float[columns.Proprio?.Size ?? 0];
        if (columns.Proprio is { } p && proprio.Length != p.Size)
            throw new SampleException($"the model reads {p.Size} proprio values ('{p.Name}'); got {proprio.Length}");

        var row = new InputRow
        {
            Image0 = images[0], Image1 = images.ElementAtOrDefault(1) ?? images[0], Image2 = images.ElementAtOrDefault(2) ?? images[0],
            Image3 = images.ElementAtOrDefault(3) ?? images[0], Instruction = a.Instruction, Proprio = proprio,
        };
        var definition = InputRow.Definition(columns.Instruction, columns.Proprio?.Name, proprio.Length);
        var data = ml.Data.LoadFromEnumerable([row], definition);
        IEstimator<ITransformer> pixels = new EstimatorChain<ITransformer>();
        for (var i = 0; i < cameras.Count; i++)
        {
            var (name, height, width) = cameras[i];
            pixels = pixels.Append(ml.Transforms.LoadImages($"vla_image_{i}", imageFolder: null, inputColumnName: $"Image{i}"))
                .Append(ml.Transforms.ResizeImages($"vla_image_{i}", width, height))
                .Append(ml.Transforms.ExtractPixels(name, $"vla_image_{i}", scaleImage: a.Scaled ? 1f / 255 : 1f));
        }
        var output = model.Transform(pixels.Fit(data).Transform(data));
        var result = output.Schema.Last(c => !c.IsHidden && data.Schema.GetColumnOrNull(c.Name) is null
                                              && c.Type is VectorDataViewType { ItemType: NumberDataViewType });
        var type = (VectorDataViewType)result.Type;
        var values = output.GetColumn<VBuffer<float>>(result).Single().DenseValues().ToArray();
        var d = type.Dimensions.Length == 2 ? type.Dimensions[1] : values.Length;
        return values.Chunk(d).ToArray();
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
