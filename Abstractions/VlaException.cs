namespace Vla.Abstractions;

/// <summary>
/// A problem the user can fix (bad recipe, unknown part, mismatched data). The CLI prints
/// <see cref="Exception.Message"/> and <see cref="Hint"/> and exits non-zero, never a stack trace.
/// </summary>
public class VlaException : Exception
{
    public VlaException(string message, string? hint = null, Exception? inner = null) : base(message, inner)
        => Hint = hint;

    /// <summary>What to do about it, e.g. the valid names or the flag that fixes it.</summary>
    public string? Hint { get; }
}
