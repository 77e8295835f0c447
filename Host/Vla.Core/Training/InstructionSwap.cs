using Vla.Abstractions;
using static TorchSharp.torch;

namespace Vla.Core.Training;

/// <summary>
/// The grounding probe of validation: the held-out decision frames again, each with the instruction of another frame
/// of the batch that says something else. A policy that reads the instruction does worse with it; one that ignores it
/// (e.g. grabs any of the objects in view) does not, which the action loss with the right instruction cannot tell.
/// </summary>
internal static class InstructionSwap
{
    /// <summary>
    /// For each row of the (B, T) token ids, the row whose instruction it gets: the first row from half the batch on
    /// (cyclically) whose tokens differ, so neighbours (often frames of one episode) do not swap with each other.
    /// Null when every row says the same, as in a single-task data set: there is nothing to swap.
    /// </summary>
    public static long[]? Donors(long[][] tokens)
    {
        var n = tokens.Length;
        var donors = new long[n];
        for (var i = 0; i < n; i++)
        {
            var found = -1;
            for (var offset = 0; offset < n - 1 && found < 0; offset++)
            {
                var j = (i + n / 2 + offset) % n;
                if (j != i && !tokens[j].AsSpan().SequenceEqual(tokens[i])) found = j;
            }
            if (found < 0) return null;   // row i equals every other row, so all rows are the same
            donors[i] = found;
        }
        return donors;
    }

    /// <summary>The batch with each row's instruction (tokens and mask) taken from its donor; images and proprio are
    /// shared with <paramref name="batch"/>, so dispose only one of the two. Null when there is nothing to swap.</summary>
    public static ObservationBatch? Swapped(ObservationBatch batch)
    {
        var rows = batch.Tokens.shape[0];
        var ids = batch.Tokens.to(CPU).data<long>().ToArray();
        var width = (int)batch.Tokens.shape[1];
        var donors = Donors(Enumerable.Range(0, (int)rows).Select(r => ids.AsSpan(r * width, width).ToArray()).ToArray());
        if (donors is null) return null;
        using var index = tensor(donors, device: batch.Tokens.device);
        return new ObservationBatch(batch.Images, batch.Tokens.index_select(0, index), batch.TokenMask.index_select(0, index), batch.Proprio);
    }
}
