using Vla.Cli.Bench;

namespace Vla.Cli.Tests.Bench;

/// <summary>The block profile splits the same FLOPs the MFU counts for one block, and times real work.</summary>
public class BlockProfileTests
{
    [Fact]
    public void Its_parts_count_exactly_the_flops_of_one_training_block_and_every_part_takes_time()
    {
        var r = BlockProfile.Measure(batch: 2, length: 10, width: 8, heads: 2, mlpRatio: 2, threads: 1, warmup: 1, iterations: 3);

        // Training = 3x forward; ModelFlops.Block is one sample's forward.
        (r.LinearFlops + r.AttentionFlops).Should().Be(3 * 2 * ModelFlops.Block(10, 8, 2));
        r.AttentionFlops.Should().Be(3 * 2 * 4.0 * 10 * 10 * 8);
        foreach (var part in new[] { r.Block, r.Linears, r.Attention, r.AttentionWrittenOut })
        {
            part.Count.Should().Be(3);
            part.Mean.Should().BePositive();
        }
        r.OtherMs.Should().BeGreaterThanOrEqualTo(0);
        double.IsFinite(r.BlockGflops).Should().BeTrue();
    }
}
