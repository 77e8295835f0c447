using Microsoft.ML.OnnxRuntime;

namespace Vla.Onnx.Runtime;

/// <summary>Named graph inputs for one run; disposes the native tensors it created, not the ones it borrowed.</summary>
internal sealed class Feeds : IDisposable
{
    private readonly Dictionary<string, OrtValue> _values = new();
    private readonly HashSet<string> _borrowed = new();

    public IReadOnlyDictionary<string, OrtValue> Values => _values;

    /// <summary>Wraps a managed array as a tensor of the given shape (no copy; the array must outlive the run).</summary>
    public Feeds Add<T>(string name, T[] data, params long[] shape) where T : unmanaged
    {
        _values[name] = OrtValue.CreateTensorValueFromMemory(data, shape);
        return this;
    }

    /// <summary>Passes another run's output on (e.g. the KV cache); its owner disposes it.</summary>
    public Feeds Borrow(string name, OrtValue value)
    {
        _borrowed.Add(name);
        _values[name] = value;
        return this;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _values)
            if (!_borrowed.Contains(name)) value.Dispose();
    }
}
