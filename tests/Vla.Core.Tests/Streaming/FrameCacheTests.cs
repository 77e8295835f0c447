using Vla.Core.Data.Streaming;

namespace Vla.Core.Tests.Streaming;

public class FrameCacheTests
{
    private const int Slot = 1000;

    private static FrameCache Holding(int frames) => new(frames * (Slot + 64), Slot);

    [Fact]
    public void The_least_recently_used_frame_is_replaced_first_and_kept_bytes_stay_intact()
    {
        var cache = Holding(3);
        for (var f = 1; f <= 3; f++) cache.Add(f).Span.Fill((byte)f);
        cache.TryGet(1, out _).Should().BeTrue();   // 2 is now the least recently used

        cache.Add(4).Span.Fill(4);

        cache.TryGet(2, out _).Should().BeFalse();
        foreach (var f in new[] { 1, 3, 4 })
        {
            cache.TryGet(f, out var bytes).Should().BeTrue();
            bytes.ToArray().Should().OnlyContain(b => b == f);
        }
        cache.Count.Should().Be(3);
        cache.Bytes.Should().BeLessThanOrEqualTo(cache.BudgetBytes);
    }

    [Fact]
    public void Many_frames_through_a_small_cache_never_pass_the_budget()
    {
        var cache = Holding(50);
        var rng = new Random(1);
        for (var i = 0; i < 5000; i++)
        {
            var frame = rng.Next(200);
            if (!cache.TryGet(frame, out var bytes)) cache.Add(frame).Span.Fill((byte)frame);
            else bytes.Span[0].Should().Be((byte)frame);
        }
        cache.Count.Should().Be(50);
        cache.Bytes.Should().BeLessThanOrEqualTo(cache.BudgetBytes);
        cache.Hits.Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_budget_below_one_frame_keeps_nothing()
    {
        var cache = new FrameCache(budgetBytes: Slot, slotBytes: Slot);

        cache.Add(1).IsEmpty.Should().BeTrue();
        cache.TryGet(1, out _).Should().BeFalse();
        cache.Bytes.Should().Be(0);
    }
}
