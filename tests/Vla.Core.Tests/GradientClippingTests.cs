using TorchSharp.Modules;
using Vla.Core.Training;
using static TorchSharp.torch;

namespace Vla.Core.Tests;

public class GradientClippingTests
{
    private static (string, Parameter) WithGrad(string name, float[] grad)
    {
        var p = new Parameter(zeros(grad.Length));
        p.grad = tensor(grad);
        return (name, p);
    }

    [Fact]
    public void Scales_to_the_global_norm_like_clip_grad_norm()
    {
        var parameters = new[] { WithGrad("a", [3f, 0f]), WithGrad("b", [0f, 4f]) };
        var norm = GradientClipping.Clip(parameters, 1.0, out var bad);
        norm.Should().BeApproximately(5.0, 1e-6);
        bad.Should().BeEmpty();
        parameters[0].Item2.grad!.data<float>().ToArray()[0].Should().BeApproximately(0.6f, 1e-5f);
        parameters[1].Item2.grad!.data<float>().ToArray()[1].Should().BeApproximately(0.8f, 1e-5f);
    }

    [Fact]
    public void Names_the_parameters_whose_gradients_are_not_finite_and_leaves_the_others_intact()
    {
        var parameters = new[] { WithGrad("fine", [0.5f]), WithGrad("broken", [float.NaN]) };
        var norm = GradientClipping.Clip(parameters, 0.1, out var bad);
        double.IsFinite(norm).Should().BeFalse();
        bad.Should().Equal("broken");
        parameters[0].Item2.grad!.data<float>().ToArray()[0].Should().Be(0.5f);
    }
}
