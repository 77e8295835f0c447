using Vla.Abstractions;
using Vla.Core.Inference;
using Vla.Core.Plugins;

namespace Vla.Onnx;

/// <summary>`--engine torch|ort`: the same <see cref="IChunkPredictor"/> from a run folder with either engine.</summary>
public static class PolicyEngine
{
    public const string Torch = "torch";
    public const string Ort = "ort";
    public static readonly string[] Names = [Torch, Ort];

    public static IChunkPredictor Load(string engine, string runDir, PartCatalog catalog, OrtOptions? options = null) => engine switch
    {
        Torch => VlaPolicy.Load(runDir, catalog),
        Ort => OrtPolicy.Load(runDir, options),
        _ => throw new VlaException($"unknown engine '{engine}'", $"valid engines: {string.Join(", ", Names)}"),
    };
}
