namespace Vla.Core.Util;

/// <summary>
/// What else the machine was doing while we trained: the 1-minute load average (Linux /proc/loadavg) and this
/// process's resident memory. Logged beside each step's speed so a slow run says whether it shared the cores.
/// </summary>
internal static class MachineLoad
{
    /// <summary>The 1-minute load average, or null where /proc/loadavg does not exist.</summary>
    public static double? LoadAverage1()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            var first = text.Split(' ', 2)[0];
            return double.TryParse(first, System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>This process's resident set in MiB.</summary>
    public static double ResidentMb() => Environment.WorkingSet / (1024.0 * 1024.0);
}
