using TorchSharp;
using TorchSharp.Modules;
using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Plugins.Conditioning.FiLM;

/// <summary>
/// FiLM (OFT+): per vision block, gamma and beta = Linear(mean instruction embedding); x * (1 + gamma) + beta,
/// the same for every patch (spatially agnostic). "1 + gamma" with zero-initialised projections makes the module
/// start as the identity, so fine-tuning begins from the unconditioned encoder.
/// </summary>
internal sealed partial class FilmConditioning : ConditioningModule
{
    private readonly ModuleList<Linear> projections;

    public FilmConditioning(ConditioningContext context) : base("film")
    {
        projections = new ModuleList<Linear>();
        for (var i = 0; i < context.Blocks; i++)
        {
            var projection = nn.Linear(context.TextWidth, 2 * context.WidthOf(i));   // -> [gamma | beta]
            using (no_grad())
            {
                projection.weight!.zero_();
                projection.bias!.zero_();
            }
            projections.Add(projection);
        }
        RegisterComponents();
    }

    public override Tensor Modulate(int block, Tensor x, Tensor instruction)
    {
        using var scope = NewDisposeScope();
        var gammaBeta = projections[block].forward(instruction);                     // (B, 2C)
        var (gamma, beta) = (gammaBeta.chunk(2, 1)[0], gammaBeta.chunk(2, 1)[1]);     // (B, C) each
        if (x.dim() == 3)
        {
            gamma = gamma.unsqueeze(1);                                              // (B, 1, C) over N tokens
            beta = beta.unsqueeze(1);
        }
        else
        {
            gamma = gamma[.., .., TensorIndex.None, TensorIndex.None];              // (B, C, 1, 1) over H, W
            beta = beta[.., .., TensorIndex.None, TensorIndex.None];
        }
        return (x * (1 + gamma) + beta).MoveToOuterDisposeScope();
    }
}
