using Vla.Abstractions;
using Vla.Core.Training;
using static TorchSharp.torch;

namespace Vla.Core.Tests;

/// <summary>The grounding probe's swap: every frame gets an instruction that says something else, or the probe is off.</summary>
public class InstructionSwapTests
{
    [Fact]
    public void Each_row_gets_a_different_instruction_from_half_a_batch_away()
    {
        long[] a = [5, 6, 0], b = [5, 7, 0], c = [9, 0, 0];
        long[][] rows = [a, a, a, b, b, c];

        var donors = InstructionSwap.Donors(rows)!;

        donors.Should().HaveCount(6);
        for (var i = 0; i < rows.Length; i++)
            rows[donors[i]].Should().NotEqual(rows[i], $"row {i} must be told something else");
        donors[3].Should().Be(0, "the search starts half a batch on (3 + 3 = 0 mod 6), not at the neighbour");
    }

    [Fact]
    public void One_instruction_in_the_batch_means_nothing_to_swap()
    {
        long[] a = [5, 6, 0];
        InstructionSwap.Donors([a, [5, 6, 0], a]).Should().BeNull();
        InstructionSwap.Donors([a]).Should().BeNull();
    }

    [Fact]
    public void The_swapped_batch_moves_tokens_and_mask_together_and_keeps_images_and_proprio()
    {
        using var scope = NewDisposeScope();
        var tokens = tensor(new long[] { 1, 2, 0, 3, 0, 0 }).reshape(2, 3);
        var mask = tensor(new[] { true, true, false, true, false, false }).reshape(2, 3);
        var image = rand(2, 3, 4, 4);
        var proprio = rand(2, 8);
        var batch = new ObservationBatch([image], tokens, mask, proprio);

        var swapped = InstructionSwap.Swapped(batch)!;

        swapped.Tokens.data<long>().ToArray().Should().Equal(3, 0, 0, 1, 2, 0);
        swapped.TokenMask.data<bool>().ToArray().Should().Equal(true, false, false, true, true, false);
        swapped.Images[0].Should().BeSameAs(image);
        swapped.Proprio.Should().BeSameAs(proprio);
    }
}
