using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vla.Core.Model;

/// <summary>
/// Spatial soft-argmax (Levine et al. 2016, "End-to-End Training of Deep Visuomotor Policies"): M learned maps over
/// each camera's square token grid, each a softmax over the grid, give M expected (x, y) positions in [-1, 1]. Their
/// projection is added to the proprio token. The vision tokens are FiLM-modulated, so the maps can follow the object
/// the instruction names. Why: the policies here failed mostly by closing the gripper away from every object; the
/// ViT knows what is in each patch, and this hands the backbone where it is as numbers. The projection starts at zero,
/// so a fine-tune starts exactly from its base.
/// </summary>
internal sealed class SpatialKeypoints : nn.Module
{
    private readonly Linear logits;
    private readonly Linear projection;

    public SpatialKeypoints(int visionWidth, int keypoints, int cameras, int width) : base(nameof(SpatialKeypoints))
    {
        logits = nn.Linear(visionWidth, keypoints);
        projection = ZeroLinear.Create(cameras * keypoints * 2, width);
        RegisterComponents();
    }

    /// <summary>Vision tokens (C*B, N, Cv), cameras stacked as VlaPolicyModel.Prefix does -> (B, 1, W).</summary>
    public Tensor Forward(Tensor tokens, int cameras)
    {
        using var scope = NewDisposeScope();
        var xy = Positions(tokens);                                                  // (C*B, M, 2)
        var batch = xy.shape[0] / cameras;
        var flat = xy.view(cameras, batch, -1).permute(1, 0, 2).reshape(batch, -1); // (B, C*M*2)
        return projection.forward(flat).unsqueeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>Each map's expected grid position (C*B, M, 2), x then y, patch centres spanning [-1, 1].</summary>
    public Tensor Positions(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var weights = nn.functional.softmax(logits.forward(tokens), 1);             // (C*B, N, M), over the grid
        return weights.transpose(1, 2).matmul(Grid(tokens.shape[1], tokens.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>(N, 2) centres of the row-major token grid (<see cref="GridValues"/>).</summary>
    internal static Tensor Grid(long tokens, ScalarType dtype) => tensor(GridValues((int)tokens), [tokens, 2]).to(dtype);

    /// <summary>Centres of a row-major side x side grid as (N, 2) values: x = column, y = row, both in (-1, 1).</summary>
    public static float[] GridValues(int tokens)
    {
        var side = (int)Math.Round(Math.Sqrt(tokens));
        if (side * side != tokens) throw new ArgumentException($"keypoints need a square token grid, got {tokens} tokens");
        var values = new float[tokens * 2];
        for (var i = 0; i < tokens; i++)
        {
            values[2 * i] = (float)((i % side + 0.5) * 2.0 / side - 1.0);
            values[2 * i + 1] = (float)((i / side + 0.5) * 2.0 / side - 1.0);
        }
        return values;
    }
}
