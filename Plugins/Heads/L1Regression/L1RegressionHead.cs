using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Plugins.Heads.L1Regression;

/// <summary>
/// Continuous actions regressed with L1 (OFT). The D slot states of each timestep are concatenated and mapped to
/// that timestep's D values by the MLPResNet; one forward gives the whole chunk.
/// </summary>
internal sealed partial class L1RegressionHead : ActionHead
{
    private readonly MlpResNet model;

    public L1RegressionHead(HeadContext context, int hidden) : base("l1-regression", context)
    {
        model = new MlpResNet(context.Chunk.D * context.Width, hidden, context.Chunk.D);
        RegisterComponents();
    }

    public override Tensor Loss(Tensor slotHidden, HeadTrainingInputs inputs)
    {
        using var scope = NewDisposeScope();
        var predicted = Readout(slotHidden);                                   // (B, K, D)
        return nn.functional.l1_loss(predicted, inputs.Target).MoveToOuterDisposeScope();
    }

    public override Tensor Predict(SlotPass pass, long batch)
    {
        using var scope = NewDisposeScope();
        return Readout(pass(null, null)).clamp(-1, 1).MoveToOuterDisposeScope();
    }

    private Tensor Readout(Tensor slotHidden)
    {
        var (k, d) = (Chunk.K, Chunk.D);
        var perStep = slotHidden.reshape(slotHidden.shape[0], k, d * Context.Width); // (B, K, D*W)
        return model.forward(perStep);                                              // (B, K, D)
    }
}
