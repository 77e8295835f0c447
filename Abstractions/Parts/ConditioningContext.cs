namespace Vla.Abstractions;

/// <summary>Dimensions a conditioning module is built for.</summary>
/// <param name="Blocks">number of vision blocks to modulate (one projection each)</param>
/// <param name="VisionWidth">channels of each block's output (when all blocks share one width)</param>
/// <param name="TextWidth">width of the instruction embedding (the backbone's token embedding size)</param>
public sealed record ConditioningContext(int Blocks, int VisionWidth, int TextWidth)
{
    /// <summary>Per-block channels when they differ (a conv stem widens stage by stage); null = all VisionWidth.</summary>
    public IReadOnlyList<int>? BlockWidths { get; init; }

    public int WidthOf(int block) => BlockWidths?[block] ?? VisionWidth;
}
