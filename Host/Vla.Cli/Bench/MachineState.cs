using System.Globalization;

namespace Vla.Cli.Bench;

/// <summary>Process peak memory and machine load from /proc (Linux): numbers on a shared machine mean little without
/// the load they were measured under.</summary>
internal static class MachineState
{
    /// <summary>VmHWM (peak resident set) of this process in MB; NaN where /proc is missing.</summary>
    public static double PeakRssMb()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return double.NaN;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        if (line is null) return double.NaN;
        var kb = double.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kb / 1024.0;
    }

    /// <summary>1-, 5- and 15-minute load averages; empty where /proc is missing.</summary>
    public static double[] LoadAverage()
    {
        const string loadavg = "/proc/loadavg";
        if (!File.Exists(loadavg)) return [];
        return File.ReadAllText(loadavg).Split(' ').Take(3).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    }
}
