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

    [Theory]
    [InlineData(480, 640, 128, 128)]   // ALOHA -> the usual training size
    [InlineData(128, 128, 96, 96)]
    [InlineData(224, 224, 128, 128)]
    [InlineData(7, 13, 3, 5)]
    [InlineData(3, 3, 7, 7)]
    [InlineData(1, 50, 1, 11)]
    public void The_vectorised_weighted_path_gives_the_scalar_bytes(int srcH, int srcW, int dstH, int dstW)
    {
        var random = new Random(srcH * 1000 + srcW);
        for (var trial = 0; trial < 4; trial++)
        {
            var source = new byte[srcH * srcW * 3 + 5];
            random.NextBytes(source);
            if (trial == 1) Array.Fill(source, (byte)255);
            if (trial == 2) for (var i = 0; i < source.Length; i++) source[i] = (byte)(source[i] < 128 ? 0 : 255);
            var scalar = new byte[dstH * dstW * 3];
            new AreaResizer(srcH, srcW, dstH, dstW).ResizeByWeightsScalar(source.AsSpan(5, srcH * srcW * 3), scalar);

            new AreaResizer(srcH, srcW, dstH, dstW).Resize(source, 5).Should().Equal(scalar, $"trial {trial}");
        }
    }
}
