namespace Vla.Abstractions;

/// <summary>Creates the language conditioning applied inside the vision encoder's blocks.</summary>
public interface IConditioningFactory : IPartFactory
{
    ConditioningModule Create(ConditioningContext context, PartOptions options);
}
