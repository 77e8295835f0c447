using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vla.Core.Training;

/// <summary>
/// Global-norm gradient clipping (as torch's clip_grad_norm_: scale by max / (norm + 1e-6) when above max) that also
/// says which parameters' gradients are non-finite, from the same per-parameter norms: one host sync per step, and
/// the names come from the gradients before any scaling smears a NaN over all of them.
/// </summary>
internal static class GradientClipping
{
    /// <summary>Returns the total norm; <paramref name="nonFinite"/> lists the parameters with NaN/inf gradients.</summary>
    public static double Clip(IReadOnlyList<(string Name, Parameter Parameter)> parameters, double maxNorm,
        out IReadOnlyList<string> nonFinite)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var withGrad = parameters.Where(p => p.Parameter.grad is not null).ToList();
        nonFinite = [];
        if (withGrad.Count == 0) return 0;
        var norms = stack(withGrad.Select(p => p.Parameter.grad!.norm()).ToArray());   // (P)
        var total = norms.norm().item<float>();
        if (!float.IsFinite(total))
        {
            var finite = norms.isfinite().data<bool>().ToArray();
            nonFinite = withGrad.Where((_, i) => !finite[i]).Select(p => p.Name).ToList();
            return total;
        }
        if (maxNorm > 0 && total > maxNorm)
            foreach (var (_, p) in withGrad) p.grad!.mul_(maxNorm / (total + 1e-6));
        return total;
    }
}
