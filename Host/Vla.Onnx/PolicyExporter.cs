using Onnx;
using Vla.Abstractions;
using Vla.Core.Model;
using Vla.Core.Plugins;
using Vla.Core.Text;
using Vla.Core.Training;
using static TorchSharp.torch;

namespace Vla.Onnx;

/// <summary>
/// Exports a trained run to ONNX (opset 20) from its module structure and weights: host modules are walked here,
/// each part (decoder, head, conditioning) emits its own nodes through the Vla.Abstractions.Export contracts.
/// Graph inputs are raw (uint8 images, token ids + mask, raw proprio); outputs raw actions, de-normalised in-graph.
/// </summary>
public static class PolicyExporter
{
    /// <summary>Loads the run's latest checkpoint and writes RUN/export/ (replacing an older export).</summary>
    public static ExportResult Export(string runDir, PartCatalog catalog)
    {
        var run = new RunFolder(runDir).RequireTrained();
        var recipe = run.ReadRecipe();
        var tokenizer = run.ReadTokenizer();
        using var model = new VlaPolicyModel(recipe, PolicyParts.Resolve(recipe, catalog), tokenizer.VocabularySize);
        Checkpoint.LoadModel(run.LatestCheckpoint, model);
        model.eval();
        return Export(model, tokenizer, run.ReadStatistics(), run.Combine("export"));
    }

    internal static ExportResult Export(VlaPolicyModel model, InstructionTokenizer tokenizer, DatasetStatistics stats, string folder)
    {
        using var _ = no_grad();
        var graphs = new PolicyGraphs(model, stats);
        var metadata = new Dictionary<string, string>
        {
            [ExportFolder.FormatKey] = ExportFolder.Format,
            [ExportFolder.LoopKey] = graphs.Loop.ToString(),
            [ExportFolder.RecipeKey] = model.Recipe.ToJson(),
            [ExportFolder.StatisticsKey] = stats.ToJson(),
            [ExportFolder.TokenizerKey] = tokenizer.ToJson(),
        };
        foreach (var (key, value) in graphs.Head.ExportMetadata) metadata[key] = value;
        var models = graphs.Build().ToDictionary(m => m.File, m => m.Graph.ToModel(m.File == ExportFolder.PolicyFile ? metadata : new()));
        return Write(folder, models, graphs.Loop);
    }

    /// <summary>Writes into a fresh sibling folder, then swaps it in: a failed export never leaves a mixed folder.</summary>
    private static ExportResult Write(string folder, Dictionary<string, ModelProto> models, ExportLoop loop)
    {
        var target = Path.GetFullPath(folder);
        var tmp = target + $".tmp-{Guid.NewGuid():N}";
        Directory.CreateDirectory(tmp);
        foreach (var (file, model) in models) model.WriteToFile(Path.Combine(tmp, file));
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.Move(tmp, target);
        var files = models.Keys.Select(f => Path.Combine(target, f)).ToList();
        return new ExportResult(target, Path.Combine(target, ExportFolder.PolicyFile), files, loop.ToString());
    }
}
