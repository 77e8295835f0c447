namespace Vla.Abstractions;

/// <summary>Creates an <see cref="ActionHead"/> for a model width and chunk shape.</summary>
public interface IActionHeadFactory : IPartFactory
{
    /// <summary>True when the head represents actions as discrete tokens (<see cref="ITokenActionHead"/>).</summary>
    bool EmitsTokens { get; }

    ActionHead Create(HeadContext context, PartOptions options);
}
