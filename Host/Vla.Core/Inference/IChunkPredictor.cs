using Vla.Abstractions;

namespace Vla.Core.Inference;

/// <summary>
/// One policy interface over interchangeable engines (TorchSharp eager: <see cref="VlaPolicy"/>; ONNX Runtime:
/// Vla.Onnx's OrtPolicy): raw observations in, raw action chunks out, one per observation.
/// </summary>
public interface IChunkPredictor : IDisposable
{
    Recipe Recipe { get; }

    IReadOnlyList<ActionChunk> Predict(IReadOnlyList<Observation> observations);
}
