namespace Vla.Abstractions;

/// <summary>The three interchangeable axes of the paper's design space that are plugins.</summary>
public enum PartKind
{
    Decoder,
    Head,
    Conditioning,
}
