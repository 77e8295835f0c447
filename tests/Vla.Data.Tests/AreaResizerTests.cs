namespace Vla.Data.Tests;

public sealed class AreaResizerTests
{
    [Theory]
    [InlineData(16, 8)]
    [InlineData(128, 64)]
    [InlineData(10, 3)]
    [InlineData(3, 7)]
    [InlineData(7, 7)]
    public void A_flat_image_stays_flat(int from, int to)
    {
        var source = Enumerable.Repeat((byte)200, from * from * 3).ToArray();

        new AreaResizer(from, from, to, to).Resize(source, 0).Should().HaveCount(to * to * 3).And.OnlyContain(v => v == 200);
    }

    [Fact]
    public void Non_integer_factors_weight_by_overlap()
    {
        // One row, 3 -> 2 pixels: output 0 covers source [0, 1.5): (1 * a + 0.5 * b) / 1.5.
        byte[] source = [0, 0, 0, 90, 90, 90, 30, 30, 30];

        var output = new AreaResizer(1, 3, 1, 2).Resize(source, 0);

        output.Should().Equal(30, 30, 30, 50, 50, 50);
    }

    [Fact]
    public void Frames_are_read_at_an_offset()
    {
        var source = new byte[2 * 2 * 2 * 3];
        Array.Fill(source, (byte)9, 12, 12);   // second 2x2 frame

        new AreaResizer(2, 2, 1, 1).Resize(source, 12).Should().Equal(9, 9, 9);
    }
}
