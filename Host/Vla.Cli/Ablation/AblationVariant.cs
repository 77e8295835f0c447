using Vla.Abstractions;

namespace Vla.Cli.Ablation;

/// <summary>One row of the paper's ablation: a recipe and what it adds to the row before it.</summary>
internal sealed record AblationVariant(int Row, string Id, string Label, Recipe Recipe)
{
    /// <summary>
    /// The six rows of Table I, built from the shipped recipes so each differs from the previous one in the named part
    /// only: 1 openvla (AR, discrete, K=1, third-person camera), 2 + parallel decoding and chunking, 3 continuous L1,
    /// 4 continuous diffusion instead of L1 (row 3's inputs), 5 + wrist camera and proprio (OFT), 6 + FiLM (OFT+).
    /// Row 6 is row 5 with oft-plus's conditioning (FiLM) and nothing else: oft-plus's auxiliary losses, pointing readout
    /// and whatever it gains later are not part of the paper's study, and deriving the row from row 5 keeps them out.
    /// </summary>
    public static IReadOnlyList<AblationVariant> All(Func<string, Recipe> load)
    {
        var l1Single = load("oft-l1-single");
        var diffusion = load("oft-diffusion");
        var (oft, oftPlus) = (load("oft"), load("oft-plus"));
        return
        [
            new(1, "openvla", "autoregressive + discrete tokens, K=1", load("openvla")),
            new(2, "pd-ac-discrete", "parallel + discrete tokens + chunking", load("pd-ac-discrete")),
            new(3, "oft-l1-single", "parallel + chunking + continuous L1", l1Single),
            new(4, "oft-diffusion-single", "parallel + chunking + continuous diffusion",
                diffusion with { Name = "oft-diffusion-single", Cameras = l1Single.Cameras, ProprioDim = l1Single.ProprioDim }),
            new(5, "oft", "3 + wrist camera + proprio (OFT)", oft),
            new(6, "oft-plus", "5 + FiLM (OFT+)",
                oft with { Name = oftPlus.Name, Conditioning = oftPlus.Conditioning, ConditioningOptions = oftPlus.ConditioningOptions }),
        ];
    }

    /// <summary>The rows named in <paramref name="ids"/> (ids or row numbers), all when empty.</summary>
    public static IReadOnlyList<AblationVariant> Select(IReadOnlyList<AblationVariant> all, IReadOnlyList<string> ids)
    {
        if (ids.Count == 0) return all;
        return ids.Select(id => all.FirstOrDefault(v => v.Id == id || v.Row.ToString() == id)
            ?? throw new VlaException($"unknown ablation variant '{id}'",
                $"use row numbers 1-6 or ids: {string.Join(", ", all.Select(v => v.Id))}")).Distinct().ToList();
    }
}
