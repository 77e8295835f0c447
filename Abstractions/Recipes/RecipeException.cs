namespace Vla.Abstractions;

/// <summary>A recipe that cannot work; <see cref="Field"/> names the offending JSON property.</summary>
public sealed class RecipeException(string field, string message, string? hint = null)
    : VlaException($"recipe field '{field}': {message}", hint)
{
    public string Field { get; } = field;
}
