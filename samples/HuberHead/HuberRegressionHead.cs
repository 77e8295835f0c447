using TorchSharp.Modules;
using Vla.Abstractions;
using static TorchSharp.torch;

namespace HuberHead;

/// <summary>
/// Regresses each timestep's D values from its D slot states with a two-layer MLP and the Huber loss: L2 near the
/// target (smooth gradients), L1 beyond <c>delta</c> (robust to outlier demonstrations).
/// </summary>
internal sealed class HuberRegressionHead : ActionHead
{
    private readonly double _delta;
    private readonly Linear fc1;
    private readonly Linear fc2;

    public HuberRegressionHead(HeadContext context, double delta) : base("huber", context)
    {
        _delta = delta;
        fc1 = nn.Linear(context.Chunk.D * context.Width, context.Width);
        fc2 = nn.Linear(context.Width, context.Chunk.D);
        RegisterComponents();
    }

    public override Tensor Loss(Tensor slotHidden, HeadTrainingInputs inputs)
    {
        using var scope = NewDisposeScope();
        return nn.functional.huber_loss(Readout(slotHidden), inputs.Target, delta: _delta).MoveToOuterDisposeScope();
    }

    public override Tensor Predict(SlotPass pass, long batch)
    {
        using var scope = NewDisposeScope();
        return Readout(pass(null, null)).clamp(-1, 1).MoveToOuterDisposeScope();
    }

    private Tensor Readout(Tensor slotHidden)
    {
        var perStep = slotHidden.reshape(slotHidden.shape[0], Chunk.K, Chunk.D * Context.Width);   // (B, K, D*W)
        return fc2.forward(nn.functional.gelu(fc1.forward(perStep)));                              // (B, K, D)
    }
}
