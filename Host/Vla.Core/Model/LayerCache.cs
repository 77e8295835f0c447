using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>One layer's cached keys and values (B, H, L, hd); they outlive the forward's dispose scope.</summary>
internal sealed class LayerCache : IDisposable
{
    private Tensor? _keys, _values;

    public long Length => _keys?.shape[2] ?? 0;

    public (Tensor Keys, Tensor Values) Append(Tensor keys, Tensor values)
    {
        var k = _keys is null ? keys.alias() : cat([_keys, keys], 2);
        var v = _values is null ? values.alias() : cat([_values, values], 2);
        _keys?.Dispose();
        _values?.Dispose();
        _keys = k.DetachFromDisposeScope();
        _values = v.DetachFromDisposeScope();
        return (_keys, _values);
    }

    public void Dispose()
    {
        _keys?.Dispose();
        _values?.Dispose();
    }
}
