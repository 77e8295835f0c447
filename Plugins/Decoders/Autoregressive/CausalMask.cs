using static TorchSharp.torch;

namespace Vla.Plugins.Decoders.Autoregressive;

internal static class CausalMask
{
    /// <summary>(L, L) bool, true on and below the diagonal: position i attends to positions 0..i.</summary>
    public static Tensor Create(long length, Device device) =>
        ones(length, length, dtype: ScalarType.Bool, device: device).tril();
}
