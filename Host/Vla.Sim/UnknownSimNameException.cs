namespace Vla.Sim;

/// <summary>An unknown suite or task name; the message lists the valid names.</summary>
public sealed class UnknownSimNameException : ArgumentException
{
    public IReadOnlyList<string> ValidNames { get; }

    public UnknownSimNameException(string kind, string name, IReadOnlyList<string> validNames)
        : base($"Unknown {kind} '{name}'. Valid {kind} names: {string.Join(", ", validNames)}.", kind)
    {
        ValidNames = validNames;
    }
}
