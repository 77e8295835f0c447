namespace Vla.Abstractions;

/// <summary>The pre-norm transformer over [patches][proprio][instruction][action slots].</summary>
public sealed record BackboneSpec
{
    public int Width { get; init; } = 128;
    public int Depth { get; init; } = 4;
    public int Heads { get; init; } = 4;
    public int MlpRatio { get; init; } = 4;

    public void Validate()
    {
        Recipe.Require(Width is >= 8 and <= 8192, "backbone.width", $"must be in [8, 8192], got {Width}");
        Recipe.Require(Depth is >= 1 and <= 96, "backbone.depth", $"must be in [1, 96], got {Depth}");
        Recipe.Require(Heads >= 1 && Width % Heads == 0, "backbone.heads",
            $"width {Width} must be divisible by heads {Heads}");
        Recipe.Require(MlpRatio is >= 1 and <= 16, "backbone.mlp_ratio", $"must be in [1, 16], got {MlpRatio}");
    }
}
