using Microsoft.ML.OnnxRuntime;
using Vla.Abstractions;

namespace Vla.Onnx.Runtime;

/// <summary>One ONNX Runtime session over an exported graph: named float/int64/bool/uint8 feeds in, outputs by name.</summary>
internal sealed class OrtGraph : IDisposable
{
    private readonly InferenceSession _session;

    public OrtGraph(string file, SessionOptions options)
    {
        try
        {
            _session = new InferenceSession(file, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new VlaException($"ONNX Runtime cannot load '{file}': {e.Message}",
                "the export is damaged or from another version: re-export with vla export --run RUN_DIR");
        }
    }

    public IReadOnlyDictionary<string, string> Metadata => _session.ModelMetadata.CustomMetadataMap;

    public IReadOnlyList<string> OutputNames => _session.OutputNames;

    /// <summary>Declared dimensions of an input (-1 where symbolic).</summary>
    public int[] InputDims(string name) => _session.InputMetadata[name].Dimensions;

    /// <summary>Runs the graph; the caller disposes the returned values (and its own feeds).</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyDictionary<string, OrtValue> feeds, IReadOnlyCollection<string> outputs)
    {
        using var options = new RunOptions();
        return _session.Run(options, feeds, outputs);
    }

    public void Dispose() => _session.Dispose();
}
