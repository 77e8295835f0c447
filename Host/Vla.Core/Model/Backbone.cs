using TorchSharp;
using TorchSharp.Modules;
using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>
/// The policy transformer over [patches][proprio][instruction][extra][action slots]: learned absolute positions
/// (so empty action slots differ only by position), pre-norm blocks, a final norm.
/// </summary>
internal sealed class Backbone : nn.Module, IBackbone
{
    private readonly Parameter position_embedding;
    private readonly ModuleList<TransformerBlock> blocks;
    private readonly LayerNorm norm;

    public Backbone(BackboneSpec spec, int maxLength) : base(nameof(Backbone))
    {
        Width = spec.Width;
        MaxLength = maxLength;
        position_embedding = nn.Parameter(randn(maxLength, spec.Width) * 0.02f);
        blocks = new ModuleList<TransformerBlock>();
        for (var i = 0; i < spec.Depth; i++) blocks.Add(new TransformerBlock(spec.Width, spec.Heads, spec.MlpRatio));
        norm = nn.LayerNorm(spec.Width);
        RegisterComponents();
    }

    public int Width { get; }

    public int MaxLength { get; }

    public Tensor Forward(Tensor embeds, Tensor? mask) => Run(embeds, mask, null);

    public Tensor Forward(Tensor embeds, Tensor? mask, KvCache cache) => Run(embeds, mask, (BackboneCache)cache);

    public KvCache CreateCache() => new BackboneCache(blocks.Count);

    private Tensor Run(Tensor embeds, Tensor? mask, BackboneCache? cache)
    {
        using var scope = NewDisposeScope();
        var offset = cache?.Length ?? 0;
        var length = embeds.shape[1];
        if (offset + length > MaxLength)
            throw new InvalidOperationException($"sequence of {offset + length} exceeds the backbone's {MaxLength} positions");
        var x = embeds + position_embedding.narrow(0, offset, length);   // (B, L, W)
        for (var i = 0; i < blocks.Count; i++) x = blocks[i].Forward(x, mask, cache?.Layers[i]);
        return norm.forward(x).MoveToOuterDisposeScope();
    }
}
