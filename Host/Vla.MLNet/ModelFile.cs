using Microsoft.ML;
using Vla.Core.Plugins;
using Vla.Core.Training;

namespace Vla.MLNet;

/// <summary>A run folder to a .zip, and a .zip back with <c>mlContext.Model.Load</c> (failures say what to do).</summary>
internal static class ModelFile
{
    public const string Fix = "save it again with mlContext.Model.Save(policy, policy.SaveSchema, path) or `vla export --run RUN_DIR`";

    /// <summary>Saves the run's ONNX-backed transformer with default columns; written beside, then moved into place.</summary>
    public static void Save(MLContext ml, string runDirectory, string path, PartCatalog parts)
    {
        var recipe = new RunFolder(runDirectory).RequireTrained().ReadRecipe();
        var columns = new ObservationColumns(null, VlaPolicyEstimator.Defaults.Instruction, VlaPolicyEstimator.Defaults.Proprio,
            VlaPolicyEstimator.Defaults.Output, PixelsAreScaled: false, ImageHeight: null, ImageWidth: null);
        using var model = OnnxBackedModel.Create(ml, runDirectory, parts, recipe, columns, instructions: []);
        var full = Path.GetFullPath(path);
        var tmp = full + $".tmp-{Guid.NewGuid():N}";
        try
        {
            ml.Model.Save(model, OnnxBackedModel.InputSchema(recipe, columns), tmp);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    public static SavedModel Load(MLContext ml, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"ML.NET model '{full}' does not exist; {Fix}", full);
        try
        {
            var model = ml.Model.Load(full, out var schema);
            return new SavedModel(model, schema);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or InvalidOperationException
                                      or IOException or ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException($"'{full}' is not a complete ML.NET model .zip (the file is truncated, damaged or of " +
                $"another kind: {e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}); {Fix}", e);
        }
    }
}
