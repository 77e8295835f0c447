using Vla.Abstractions;

namespace Vla.Cli.Sim;

/// <summary>
/// How the closed loop executes a policy's chunks: the policy is queried every <see cref="QueryEvery"/> steps and, with
/// <see cref="EnsembleDecay"/>, each step executes ACT's temporal ensemble of every chunk that predicted it; without it,
/// the first QueryEvery actions of each chunk run open-loop. One rule resolves the recipe's settings and the command
/// line's overrides, for the evaluation loop and for the report that describes it.
/// </summary>
internal sealed record ClosedLoopPlan(int Chunk, int QueryEvery, double? EnsembleDecay)
{
    /// <param name="openLoopSteps">override of <see cref="Recipe.OpenLoopSteps"/> (null: the recipe's)</param>
    /// <param name="ensembleDecay">override of <see cref="Recipe.TemporalEnsemble"/> (null: the recipe's)</param>
    public static ClosedLoopPlan For(Recipe recipe, int? openLoopSteps = null, double? ensembleDecay = null)
    {
        var decay = ensembleDecay ?? recipe.TemporalEnsemble;
        var steps = openLoopSteps ?? recipe.OpenLoopSteps;
        // The ensemble queries every step unless told otherwise; plain chunking runs the whole chunk, as the paper does.
        return new ClosedLoopPlan(recipe.Chunk, steps ?? (decay is null ? recipe.Chunk : 1), decay);
    }

    /// <summary>For reports: what the loop does, in a sentence's words.</summary>
    public string Describe() => EnsembleDecay switch
    {
        { } decay => $"the policy is queried every {Steps(QueryEvery)} and each step executes ACT's temporal ensemble of " +
                     $"every chunk that predicted it (weights exp(-{decay} i), oldest first)",
        null when QueryEvery < Chunk => $"the first {Steps(QueryEvery)} of each K = {Chunk} chunk run open-loop before the next query",
        _ => $"the policy's whole chunk (K = {Chunk}) runs open-loop before the next query, as in the paper",
    };

    private static string Steps(int n) => n == 1 ? "step" : $"{n} steps";
}
