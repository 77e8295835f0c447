namespace Vla.Sim.Native;

/// <summary>
/// Process-wide choice of the headless GL library: EGL surfaceless first, OSMesa as fallback.
/// VLA_GL=egl|osmesa forces one. One backend per process because MuJoCo's GL loader binds globally.
/// </summary>
internal static class GlBackend
{
    private static readonly Lazy<string> Chosen = new(Initialise, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>"egl" or "osmesa"; throws SimUnavailableException when neither works.</summary>
    internal static string EnsureInitialised() => Chosen.Value;

    private static string Initialise()
    {
        NativeAvailability.EnsureLoaded();
        int want = ParseRequest(Environment.GetEnvironmentVariable("VLA_GL"));
        int rc = NativeMethods.vla_gl_init(want);
        if (rc == 1) return "egl";
        if (rc == 2) return "osmesa";
        string detail = NativeMethods.LastError();
        string library = want == 1 ? "EGL" : "OSMesa";
        throw new SimUnavailableException(
            NativeAvailability.BuildMissingLibraryMessage($"{library} could not be initialised: {detail}"));
    }

    internal static int ParseRequest(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "egl" => 1,
        "osmesa" => 2,
        _ => 0,
    };
}
