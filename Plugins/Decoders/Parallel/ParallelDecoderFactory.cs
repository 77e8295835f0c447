using Vla.Abstractions;

namespace Vla.Plugins.Decoders.Parallel;

internal sealed class ParallelDecoderFactory : IDecoderFactory
{
    public string Description => "bidirectional attention, empty action slots, one forward per chunk (OFT)";

    public bool RequiresTokenHead => false;

    public Decoder Create(PartOptions options)
    {
        options.RejectUnknown();
        return new ParallelDecoder();
    }
}
