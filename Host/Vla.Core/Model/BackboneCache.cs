using Vla.Abstractions;

namespace Vla.Core.Model;

/// <summary>The backbone's KV cache: one <see cref="LayerCache"/> per transformer block.</summary>
internal sealed class BackboneCache(int layers) : KvCache
{
    public LayerCache[] Layers { get; } = Enumerable.Range(0, layers).Select(_ => new LayerCache()).ToArray();

    public override long Length => Layers[0].Length;

    public override void Dispose()
    {
        foreach (var layer in Layers) layer.Dispose();
    }
}
