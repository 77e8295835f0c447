using TorchSharp;
using static TorchSharp.torch;

namespace Vla.Abstractions;

/// <summary>
/// A head owns the action representation, the loss and the readout. It sees the backbone only through the action
/// slots' hidden states and, at inference, through a <see cref="SlotPass"/> it may call repeatedly (diffusion).
/// All actions here are normalised to [-1, 1].
/// </summary>
public abstract class ActionHead : nn.Module
{
    protected ActionHead(string name, HeadContext context) : base(name)
    {
        if (context.Width <= 0) throw new ArgumentOutOfRangeException(nameof(context), "width must be positive");
        if (context.Chunk.K <= 0 || context.Chunk.D <= 0)
            throw new ArgumentOutOfRangeException(nameof(context), $"chunk must be positive, got {context.Chunk}");
        Context = context;
    }

    public HeadContext Context { get; }

    public ChunkShape Chunk => Context.Chunk;

    /// <summary>Number of action slots in the sequence; K*D (one per scalar) as in OpenVLA-OFT.</summary>
    public virtual int SlotCount => Chunk.Scalars;

    /// <summary>Number of extra tokens between the prefix and the slots (diffusion's timestep token).</summary>
    public virtual int ExtraTokenCount => 0;

    /// <summary>target (B, K, D) normalised; the generator makes sampling (noise, timesteps) reproducible.</summary>
    public virtual HeadTrainingInputs PrepareTraining(Tensor target, Generator? generator) => new(target);

    /// <summary>slotHidden (B, S, W) -> scalar loss.</summary>
    public abstract Tensor Loss(Tensor slotHidden, HeadTrainingInputs inputs);

    /// <summary>Runs the slot pass as often as the representation needs; returns the chunk (B, K, D).</summary>
    public abstract Tensor Predict(SlotPass pass, long batch);
}
