using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>
/// A linear layer whose weight and bias start at zero: a branch added to a pretrained model (keypoints, the pointing
/// readout, scene-aware queries) then contributes nothing until fine-tuning trains it, so the model starts exactly as
/// its base. Created as nn.Linear first, so it draws the same random numbers as before and later modules' init is kept.
/// </summary>
internal static class ZeroLinear
{
    public static Linear Create(long inputs, long outputs)
    {
        var layer = nn.Linear(inputs, outputs);
        using (no_grad())
        {
            layer.weight!.zero_();
            layer.bias!.zero_();
        }
        return layer;
    }
}
