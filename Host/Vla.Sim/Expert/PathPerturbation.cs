namespace Vla.Sim.Expert;

/// <summary>
/// DART-style noise injection (Laskey et al. 2017) for a perturbed demonstration: a slowly varying push is added to the
/// expert's translation before the simulator executes it, while the recording keeps the expert's own action. The
/// arm drifts off the expert's path (about 6 mm per axis; a policy at 64 px closes its grasps 1-2 cm from the object's
/// centre), and the expert, which plans from the state it is in, records how to steer back: states a policy reaches
/// and clean demonstrations never show.
/// </summary>
internal sealed class PathPerturbation
{
    /// <summary>Standard deviation of the push per axis, in action units (1 = <see cref="SimConventions.MaxTranslationPerStep"/>);
    /// the expert's proportional steering holds the arm about Sigma x 2 cm off its path. At 0.5 its 6-8 mm alignment
    /// checks before a descent rarely passed: on one long task, perturbed episodes took 2.0x the steps of clean ones and
    /// 41% failed (10 kept); at 0.3, 1.2x and 33% (20 kept), against none of the clean ones. Failed episodes are not kept.</summary>
    internal const double Sigma = 0.3;

    /// <summary>Step-to-step correlation of the push: it changes over about 10 steps (0.5 s), like a policy's bias,
    /// rather than jittering every step, which the arm's own lag would smooth away.</summary>
    internal const double Correlation = 0.9;

    // Standard deviation of each step's fresh draw, so the AR(1) push keeps Sigma in its stationary distribution.
    private static readonly double FreshSigma = Sigma * Math.Sqrt(1 - Correlation * Correlation);

    private readonly Random _rng;
    private readonly double[] _push = new double[3];

    internal PathPerturbation(Random rng)
    {
        _rng = rng;
        for (int i = 0; i < 3; i++) _push[i] = Sigma * Gaussian();   // start in the stationary distribution
    }

    /// <summary>What the simulator executes: <paramref name="action"/> with the push added to x, y, z (clamped to the
    /// action range); rotation and gripper are the expert's. The push then moves one step on.</summary>
    internal float[] Apply(float[] action)
    {
        var executed = (float[])action.Clone();
        for (int i = 0; i < 3; i++)
        {
            executed[i] = (float)Math.Clamp(action[i] + _push[i], -1, 1);
            _push[i] = Correlation * _push[i] + FreshSigma * Gaussian();
        }
        return executed;
    }

    private double Gaussian() => Normal.Sample(_rng);
}
