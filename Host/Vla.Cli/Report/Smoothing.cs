namespace Vla.Cli.Report;

/// <summary>
/// Centred moving average of the noisy per-step loss. Centred rather than an EMA because the report is drawn after
/// training: an EMA lags behind a steep early descent and draws the curve later than it happened. The window grows
/// with the run so a 300-step and a 30,000-step curve look equally calm, and shrinks symmetrically at the ends.
/// </summary>
internal static class Smoothing
{
    /// <summary>Points on each side of the centre; 0 (no smoothing) for short logs.</summary>
    public static int HalfWidth(int count) => Math.Clamp(count / 60, 0, 250);

    public static double[] Centred(IReadOnlyList<double> values, int halfWidth)
    {
        var prefix = new double[values.Count + 1];
        for (var i = 0; i < values.Count; i++) prefix[i + 1] = prefix[i] + values[i];
        var smoothed = new double[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var h = Math.Min(halfWidth, Math.Min(i, values.Count - 1 - i));
            smoothed[i] = (prefix[i + h + 1] - prefix[i - h]) / (2 * h + 1);
        }
        return smoothed;
    }
}
