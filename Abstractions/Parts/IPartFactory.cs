namespace Vla.Abstractions;

/// <summary>Common to every part factory: a one-line description shown by `vla plugins`.</summary>
public interface IPartFactory
{
    string Description { get; }
}
