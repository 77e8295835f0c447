using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vla.Core.Training;

/// <summary>
/// AdamW (decoupled weight decay on matrices only; biases, norms and vectors are not decayed). Our own so that its
/// state is plain named tensors: it goes into optimizer.safetensors and resume is bit-exact.
/// </summary>
internal sealed class AdamW : IDisposable
{
    private readonly (string Name, Parameter Parameter)[] _parameters;
    private readonly Dictionary<string, (Tensor M, Tensor V)> _moments = [];
    private readonly double _beta1, _beta2, _eps, _weightDecay;

    public AdamW(IEnumerable<(string, Parameter)> parameters, double weightDecay, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8)
    {
        _parameters = parameters.Where(p => p.Item2.requires_grad).ToArray();
        (_weightDecay, _beta1, _beta2, _eps) = (weightDecay, beta1, beta2, eps);
    }

    public long Steps { get; private set; }

    public void Step(double learningRate)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Steps++;
        var correction1 = 1 - Math.Pow(_beta1, Steps);
        var correction2 = 1 - Math.Pow(_beta2, Steps);
        foreach (var (name, p) in _parameters)
        {
            if (p.grad is not { } grad) continue;
            if (!_moments.TryGetValue(name, out var moment))
                _moments[name] = moment = (zeros_like(p).DetachFromDisposeScope(), zeros_like(p).DetachFromDisposeScope());
            moment.M.mul_(_beta1).add_(grad, alpha: 1 - _beta1);
            moment.V.mul_(_beta2).addcmul_(grad, grad, value: 1 - _beta2);
            if (_weightDecay > 0 && p.dim() >= 2) p.mul_(1 - learningRate * _weightDecay);
            var denominator = (moment.V / correction2).sqrt_().add_(_eps);
            p.addcdiv_(moment.M, denominator, value: -learningRate / correction1);
        }
    }

    public void ZeroGrad()
    {
        foreach (var (_, p) in _parameters)
            if (p.grad is { } grad) grad.zero_();
    }

    /// <summary>"m.&lt;param&gt;", "v.&lt;param&gt;" and a scalar "step".</summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor> { ["step"] = tensor(Steps) };
        foreach (var (name, (m, v)) in _moments)
        {
            state["m." + name] = m;
            state["v." + name] = v;
        }
        return state;
    }

    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        Steps = state["step"].item<long>();
        foreach (var (name, p) in _parameters)
            if (state.TryGetValue("m." + name, out var m) && state.TryGetValue("v." + name, out var v))
                _moments[name] = (m.to_type(p.dtype).clone(), v.to_type(p.dtype).clone());
    }

    public void Dispose()
    {
        foreach (var (m, v) in _moments.Values)
        {
            m.Dispose();
            v.Dispose();
        }
    }
}
