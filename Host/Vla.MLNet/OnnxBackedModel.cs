using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Onnx;
using Vla.Abstractions;
using Vla.Core.Plugins;
using Vla.Onnx.Columnar;

namespace Vla.MLNet;

/// <summary>
/// The ML.NET form a policy saves as: ML.NET's own <see cref="OnnxTransformer"/> over the run's policy as one ONNX graph
/// with the columnar adapter (planar float pixels, text instruction tokenised in-graph, raw proprio, batch 1), so
/// <c>mlContext.Model.Save</c> writes a self-contained .zip that <c>mlContext.Model.Load</c> reads with ML.NET and
/// Microsoft.ML.OnnxTransformer only.
/// </summary>
internal static class OnnxBackedModel
{
    /// <summary>Exports <paramref name="runDirectory"/> in memory and wraps it.</summary>
    public static OnnxTransformer Create(MLContext ml, string runDirectory, PartCatalog parts, Recipe recipe,
        ObservationColumns columns, IReadOnlyCollection<string> instructions)
    {
        var graph = ColumnarPolicyGraph.Build(runDirectory, parts, new ColumnarGraphOptions
        {
            CameraColumns = recipe.Cameras.ToDictionary(c => c, columns.CameraColumn),
            InstructionColumn = columns.Instruction,
            ProprioColumn = columns.Proprio,
            OutputColumn = columns.Output,
            PixelsAreScaled = columns.PixelsAreScaled,
            Instructions = instructions,
        });
        using var stream = new MemoryStream(graph);
        var estimator = ml.Transforms.ApplyOnnxModel([columns.Output], InputColumns(recipe, columns), stream);
        return estimator.Fit(new EmptyDataView(InputSchema(recipe, columns)));
    }

    /// <summary>The columns the saved model reads: cameras (3, S, S) at the recipe's image size, instruction, proprio.</summary>
    public static DataViewSchema InputSchema(Recipe recipe, ObservationColumns columns)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var camera in recipe.Cameras)
            builder.AddColumn(columns.CameraColumn(camera), new VectorDataViewType(NumberDataViewType.Single, 3, recipe.ImageSize, recipe.ImageSize));
        builder.AddColumn(columns.Instruction, TextDataViewType.Instance);
        if (recipe.ProprioDim > 0) builder.AddColumn(columns.Proprio, new VectorDataViewType(NumberDataViewType.Single, recipe.ProprioDim));
        return builder.ToSchema();
    }

    private static string[] InputColumns(Recipe recipe, ObservationColumns columns) =>
        recipe.Cameras.Select(columns.CameraColumn).Append(columns.Instruction)
            .Concat(recipe.ProprioDim > 0 ? [columns.Proprio] : []).ToArray();
}
