namespace Vla.Sim;

/// <summary>
/// The simulator cannot run on this machine (MuJoCo or a GL library is missing or broken).
/// The message names the Debian package to install.
/// </summary>
public sealed class SimUnavailableException : Exception
{
    public SimUnavailableException(string message, Exception? inner = null) : base(message, inner) { }
}
