using TorchSharp;
using TorchSharp.Modules;
using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Plugins.Tests;

/// <summary>
/// Test-only backbone: learned position embeddings, pre-norm transformer layers with
/// scaled_dot_product_attention (bool mask, true = may attend), a final LayerNorm, and a per-layer K/V cache.
/// </summary>
internal sealed class TinyBackbone : nn.Module, IBackbone
{
    private readonly Parameter positions;                 // (MaxLength, W)
    private readonly ModuleList<Layer> layers;
    private readonly LayerNorm final_norm;

    public TinyBackbone(int width = 16, int depth = 2, int heads = 2, int maxLength = 128) : base("tiny-backbone")
    {
        Width = width;
        positions = new Parameter(randn(maxLength, width) * 0.5f);
        layers = new ModuleList<Layer>();
        for (var i = 0; i < depth; i++) layers.Add(new Layer(width, heads));
        final_norm = nn.LayerNorm(width);
        RegisterComponents();
    }

    public int Width { get; }

    public Tensor Forward(Tensor embeds, Tensor? mask) => Run(embeds, mask, null);

    public Tensor Forward(Tensor embeds, Tensor? mask, KvCache cache) =>
        Run(embeds, mask, cache as Cache ?? throw new ArgumentException("not a TinyBackbone cache", nameof(cache)));

    public KvCache CreateCache() => new Cache(layers.Count);

    private Tensor Run(Tensor embeds, Tensor? mask, Cache? cache)
    {
        using var scope = NewDisposeScope();
        var offset = cache?.Length ?? 0;
        var length = embeds.shape[1];
        var x = embeds + positions.narrow(0, offset, length).unsqueeze(0);      // (B, L, W)
        for (var i = 0; i < layers.Count; i++) x = layers[i].Forward(x, mask, cache, i);
        cache?.Advance(length);
        return final_norm.forward(x).MoveToOuterDisposeScope();
    }

    private sealed class Layer : nn.Module
    {
        private readonly int _heads;
        private readonly LayerNorm norm1;
        private readonly Linear qkv;
        private readonly Linear proj;
        private readonly LayerNorm norm2;
        private readonly Linear fc1;
        private readonly Linear fc2;

        public Layer(int width, int heads) : base("layer")
        {
            _heads = heads;
            norm1 = nn.LayerNorm(width);
            qkv = nn.Linear(width, 3 * width);
            proj = nn.Linear(width, width);
            norm2 = nn.LayerNorm(width);
            fc1 = nn.Linear(width, 2 * width);
            fc2 = nn.Linear(2 * width, width);
            RegisterComponents();
        }

        public Tensor Forward(Tensor x, Tensor? mask, Cache? cache, int index)
        {
            var (b, l, w) = (x.shape[0], x.shape[1], x.shape[2]);
            var split = qkv.forward(norm1.forward(x)).reshape(b, l, 3, _heads, w / _heads).permute(2, 0, 3, 1, 4);
            var (q, k, v) = (split[0], split[1], split[2]);                       // (B, H, L, hd)
            if (cache is not null) (k, v) = cache.Append(index, k, v);            // (B, H, Lc + L, hd)
            var attended = nn.functional.scaled_dot_product_attention(q, k, v, mask);
            x = x + proj.forward(attended.transpose(1, 2).reshape(b, l, w));
            return x + fc2.forward(nn.functional.gelu(fc1.forward(norm2.forward(x))));
        }
    }

    /// <summary>Per-layer keys and values, kept out of the callers' dispose scopes until disposed.</summary>
    private sealed class Cache(int layers) : KvCache
    {
        private readonly Tensor?[] _keys = new Tensor?[layers];
        private readonly Tensor?[] _values = new Tensor?[layers];
        private long _length;

        public override long Length => _length;

        public (Tensor K, Tensor V) Append(int layer, Tensor k, Tensor v)
        {
            var (oldK, oldV) = (_keys[layer], _values[layer]);
            var newK = oldK is null ? k.alias() : cat([oldK, k], 2);
            var newV = oldV is null ? v.alias() : cat([oldV, v], 2);
            _keys[layer] = newK.DetachFromDisposeScope();
            _values[layer] = newV.DetachFromDisposeScope();
            oldK?.Dispose();
            oldV?.Dispose();
            return (newK, newV);
        }

        public void Advance(long length) => _length += length;

        public override void Dispose()
        {
            foreach (var t in _keys) t?.Dispose();
            foreach (var t in _values) t?.Dispose();
            Array.Clear(_keys);
            Array.Clear(_values);
        }
    }
}

/// <summary>Wraps a backbone and records what each forward was given (embeds, mask, cache length).</summary>
internal sealed class SpyBackbone(IBackbone inner) : IBackbone, IDisposable
{
    public List<(Tensor Embeds, Tensor? Mask, long CacheLength)> Calls { get; } = [];

    public int Width => inner.Width;

    public Tensor Forward(Tensor embeds, Tensor? mask)
    {
        Record(embeds, mask, -1);
        return inner.Forward(embeds, mask);
    }

    public Tensor Forward(Tensor embeds, Tensor? mask, KvCache cache)
    {
        Record(embeds, mask, cache.Length);
        return inner.Forward(embeds, mask, cache);
    }

    public KvCache CreateCache() => inner.CreateCache();

    private void Record(Tensor embeds, Tensor? mask, long cacheLength) =>
        Calls.Add((embeds.detach().clone().DetachFromDisposeScope(),
            mask?.detach().clone().DetachFromDisposeScope(), cacheLength));

    public void Dispose()
    {
        foreach (var (e, m, _) in Calls)
        {
            e.Dispose();
            m?.Dispose();
        }
        Calls.Clear();
    }
}
