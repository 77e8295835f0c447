namespace Vla.Abstractions;

/// <summary>What a plugin registered: the host lists these (`vla plugins`) and resolves factories by name.</summary>
public sealed record PartRegistration(PartKind Kind, string Name, string Description, string Assembly);
