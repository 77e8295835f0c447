using static TorchSharp.torch;

namespace Vla.Abstractions;

/// <summary>
/// One backbone forward over [prefix][extra tokens][action slots], built by the decoder (which owns the mask).
/// slotInputs (B, S, W) or null for empty (zero) slots; extraTokens (B, E, W) or null.
/// Returns the action slots' hidden states (B, S, W).
/// </summary>
public delegate Tensor SlotPass(Tensor? slotInputs, Tensor? extraTokens);
