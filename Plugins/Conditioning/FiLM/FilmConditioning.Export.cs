using Vla.Abstractions.Export;

namespace Vla.Plugins.Conditioning.FiLM;

/// <summary>x * (1 + gamma) + beta in graph form, gamma/beta broadcast over tokens or over H and W.</summary>
internal sealed partial class FilmConditioning : IExportableConditioning
{
    public string EmitModulate(IGraphBuilder g, int block, string x, int rank, string instruction)
    {
        var gammaBeta = g.Linear(projections[block], instruction);                    // (B, 2C)
        var halves = g.Node("Split", [gammaBeta], 2, new Dictionary<string, object> { ["axis"] = 1L, ["num_outputs"] = 2L });
        long[] axes = rank == 3 ? [1] : [2, 3];                                        // (B, 1, C) or (B, C, 1, 1)
        var (gamma, beta) = (g.Unsqueeze(halves[0], axes), g.Unsqueeze(halves[1], axes));
        return g.Add(g.Mul(x, g.Add(gamma, g.Scalar(1f))), beta);
    }
}
