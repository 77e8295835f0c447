using static TorchSharp.torch;

namespace Vla.Plugins.Heads.DiscreteTokens;

/// <summary>
/// OpenVLA's discretisation: edges = linspace(-1, 1, bins); a value maps to the interval it falls in, and back to
/// that interval's centre, so the round trip is within half a bin (1 / (bins - 1)).
/// </summary>
public sealed class ActionBins
{
    public ActionBins(int bins) => Bins = bins >= 3 ? bins : throw new ArgumentOutOfRangeException(nameof(bins));

    /// <summary>Number of edges (256 in the paper).</summary>
    public int Bins { get; }

    /// <summary>Number of intervals = token classes.</summary>
    public int Classes => Bins - 1;

    public float Width => 2f / Classes;

    /// <summary>actions in [-1, 1] (any shape) -> class ids int64 in [0, Classes).</summary>
    public Tensor ToTokens(Tensor actions)
    {
        using var scope = NewDisposeScope();
        var index = ((actions.clamp(-1, 1) + 1) / Width).floor().to(ScalarType.Int64);
        return index.clamp(0, Classes - 1).MoveToOuterDisposeScope();
    }

    /// <summary>class ids -> the centre of each interval.</summary>
    public Tensor ToActions(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        return (tokens.to(ScalarType.Float32) * Width - 1 + Width / 2).MoveToOuterDisposeScope();
    }
}
