namespace Vla.Abstractions.Export;

/// <summary>A <see cref="ConditioningModule"/> that can write its <c>Modulate</c> into an exported graph.</summary>
public interface IExportableConditioning
{
    /// <summary>x: block <paramref name="block"/>'s tokens (B, N, C) when <paramref name="rank"/> is 3, feature maps
    /// (B, C, H, W) when 4; instruction: (B, E) mean instruction embedding. Returns a value shaped like x.</summary>
    string EmitModulate(IGraphBuilder g, int block, string x, int rank, string instruction);
}
