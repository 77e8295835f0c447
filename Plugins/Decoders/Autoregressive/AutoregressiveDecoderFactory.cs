using Vla.Abstractions;

namespace Vla.Plugins.Decoders.Autoregressive;

internal sealed class AutoregressiveDecoderFactory : IDecoderFactory
{
    public string Description => "causal mask, one action token per forward with a KV cache (OpenVLA)";

    public bool RequiresTokenHead => true;

    public Decoder Create(PartOptions options)
    {
        options.RejectUnknown("kv_cache");
        return new AutoregressiveDecoder(useCache: options.Int("kv_cache", 1, 0, 1) == 1);
    }
}
