namespace Vla.Abstractions;

/// <summary>Creates a <see cref="Decoder"/>; declares what heads it can drive so recipes are checked up front.</summary>
public interface IDecoderFactory : IPartFactory
{
    /// <summary>True when decoding feeds back predicted tokens (needs a head implementing <see cref="ITokenActionHead"/>).</summary>
    bool RequiresTokenHead { get; }

    Decoder Create(PartOptions options);
}
