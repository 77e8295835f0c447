using static TorchSharp.torch;

namespace Vla.Plugins.Heads.Diffusion;

/// <summary>
/// The noise schedule of the diffusion head: "squaredcos_cap_v2" betas over <see cref="TrainSteps"/> timesteps
/// (alpha_bar(t) = cos^2(((t/T + 0.008) / 1.008) * pi/2), betas capped at 0.999) and DDIM's deterministic
/// (eta = 0) sampling on an evenly spaced subset of them.
/// </summary>
public sealed class DdimSchedule
{
    private const double Offset = 0.008;

    public DdimSchedule(int trainSteps)
    {
        TrainSteps = trainSteps;
        var alphasCumprod = new double[trainSteps];
        var product = 1.0;
        for (var i = 0; i < trainSteps; i++)
        {
            var beta = Math.Min(1 - AlphaBar((i + 1.0) / trainSteps) / AlphaBar((double)i / trainSteps), 0.999);
            product *= 1 - beta;
            alphasCumprod[i] = product;
        }
        AlphasCumprod = alphasCumprod;
    }

    public int TrainSteps { get; }

    /// <summary>alpha_bar_t for t = 0..T-1 (the cumulative product of 1 - beta).</summary>
    public IReadOnlyList<double> AlphasCumprod { get; }

    /// <summary>The continuous closed form the betas discretise.</summary>
    public static double AlphaBar(double fraction) =>
        Math.Pow(Math.Cos((fraction + Offset) / (1 + Offset) * Math.PI / 2), 2);

    /// <summary>q(x_t | x_0) in closed form: sqrt(ab_t) x0 + sqrt(1 - ab_t) noise; t (B) int64, x0/noise (B, ...).</summary>
    public Tensor AddNoise(Tensor x0, Tensor noise, Tensor t)
    {
        using var scope = NewDisposeScope();
        var ab = tensor(AlphasCumprod.Select(a => (float)a).ToArray(), device: x0.device).index_select(0, t);
        var shape = new long[x0.dim()];
        Array.Fill(shape, 1L);
        shape[0] = x0.shape[0];
        ab = ab.reshape(shape);
        return (ab.sqrt() * x0 + (1 - ab).sqrt() * noise).MoveToOuterDisposeScope();
    }

    /// <summary>DDIM's timesteps for <paramref name="steps"/> inference steps, from noisiest to cleanest.</summary>
    public int[] InferenceTimesteps(int steps)
    {
        var stride = TrainSteps / steps;
        return Enumerable.Range(0, steps).Select(i => i * stride).Reverse().ToArray();
    }

    /// <summary>One deterministic DDIM update from x_t given predicted noise; returns (x_prev, x0_estimate).</summary>
    public (Tensor Previous, Tensor Original) Step(Tensor x, Tensor predictedNoise, int t, int previousT)
    {
        using var scope = NewDisposeScope();
        var ab = AlphasCumprod[t];
        var abPrev = previousT >= 0 ? AlphasCumprod[previousT] : 1.0;   // "set_alpha_to_one": the last step is clean
        var x0 = ((x - Math.Sqrt(1 - ab) * predictedNoise) / Math.Sqrt(ab)).clamp(-1, 1);
        var previous = Math.Sqrt(abPrev) * x0 + Math.Sqrt(1 - abPrev) * predictedNoise;
        return (previous.MoveToOuterDisposeScope(), x0.MoveToOuterDisposeScope());
    }
}
