namespace Vla.Core.Training;

/// <summary>Linear warm-up to the base rate, then cosine decay to zero at the last step.</summary>
internal static class LearningRateSchedule
{
    public static double At(int step, int totalSteps, int warmupSteps, double baseRate)
    {
        if (step <= warmupSteps && warmupSteps > 0) return baseRate * step / warmupSteps;
        var progress = (double)(step - warmupSteps) / Math.Max(1, totalSteps - warmupSteps);
        return baseRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Clamp(progress, 0, 1)));
    }
}
