namespace Vla.Sim.Native;

/// <summary>
/// Loads the shim once per process and turns loader failures into <see cref="SimUnavailableException"/>,
/// so a machine without MuJoCo gets an actionable message instead of a crash.
/// </summary>
internal static class NativeAvailability
{
    private static readonly Lazy<int> Version = new(LoadShim, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>MuJoCo version (e.g. 222); throws SimUnavailableException when the native side is missing.</summary>
    internal static int EnsureLoaded() => Version.Value;

    private static int LoadShim()
    {
        try
        {
            return NativeMethods.vla_mj_version();
        }
        catch (DllNotFoundException e)
        {
            throw new SimUnavailableException(BuildMissingLibraryMessage(e.Message), e);
        }
        catch (EntryPointNotFoundException e)
        {
            throw new SimUnavailableException(BuildMissingLibraryMessage(e.Message), e);
        }
    }

    /// <summary>Message for a GL backend that loaded but could not create a context or render.</summary>
    internal static string BuildGlFailureMessage(string backend, string detail) =>
        $"Headless OpenGL ({backend}) failed: {detail}. Install `apt-get install -y libegl1 libegl-mesa0 libosmesa6`, "
        + "or force a backend with VLA_GL=egl|osmesa.";

    /// <summary>Maps a loader error text to the package that fixes it (unit-tested; no native calls).</summary>
    internal static string BuildMissingLibraryMessage(string loaderError)
    {
        string text = loaderError ?? "";
        if (text.Contains("libmujoco", StringComparison.OrdinalIgnoreCase))
            return "MuJoCo is not installed: run `apt-get install -y libmujoco-dev` (MuJoCo 2.2.2). Loader said: " + text;
        if (text.Contains("OSMesa", StringComparison.OrdinalIgnoreCase))
            return "OSMesa is not installed: run `apt-get install -y libosmesa6`. Loader said: " + text;
        if (text.Contains("EGL", StringComparison.Ordinal))
            return "EGL is not installed: run `apt-get install -y libegl1 libegl-mesa0` (or set VLA_GL=osmesa with libosmesa6). Loader said: " + text;
        return "The simulator's native shim libvla_mujoco_shim.so could not be loaded. Install MuJoCo with "
            + "`apt-get install -y libmujoco-dev libosmesa6 libegl1` and rebuild Vla.Sim (gcc compiles the shim). Loader said: " + text;
    }
}
