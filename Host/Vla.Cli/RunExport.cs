using Microsoft.ML;
using Vla.Abstractions;
using Vla.Core.Inference;
using Vla.Core.Plugins;
using Vla.MLNet;
using Vla.Onnx;

namespace Vla.Cli;

/// <summary>
/// Exports a trained run (ONNX graphs + the ML.NET model .zip) and measures how far ONNX Runtime's actions are from
/// TorchSharp's on samples of the run's data. Shared by `vla export` and `vla run`.
/// </summary>
internal static class RunExport
{
    public sealed record Result(ExportResult Onnx, string MlNet, double? MaxAbsDiff);

    public static Result Export(string runDir, PartCatalog catalog, int samples)
    {
        var onnx = PolicyExporter.Export(runDir, catalog);
        var mlnet = Path.Combine(onnx.Folder, "policy.mlnet.zip");
        new MLContext().Vla().SaveModel(runDir, mlnet, catalog);
        using var torch = VlaPolicy.Load(runDir, catalog);
        using var ort = OrtPolicy.Load(onnx.Folder);
        double? diff = null;
        try
        {
            diff = EngineComparison.MaxAbsDiff(torch, ort, RunSamples.For(runDir, torch.Recipe, Math.Max(1, samples)));
        }
        catch (VlaException e)
        {
            Console.Error.WriteLine($"warning: engines not compared: {e.Message}");
        }
        return new Result(onnx, mlnet, diff);
    }
}
