using Vla.Core.Data;

namespace Vla.Data.Tests;

/// <summary>The values <see cref="H5pyWriter"/>'s script writes, computed independently in C#.</summary>
internal static class Expected
{
    public static float Action(int demo, int t, int j) => (demo * 1000 + t * 10 + j) * 0.25f;

    /// <summary>Proprio column <paramref name="j"/> of the <paramref name="k"/>-th proprio key.</summary>
    public static float Proprio(int demo, int t, int k, int j) => (demo * 100 + t * 10 + j) * 0.5f + k * 1000;

    public static byte Pixel(int demo, int camera, int t, int y, int x, int channel) =>
        (byte)((demo * 31 + t * 17 + y * 5 + x * 3 + channel * 11 + camera * 101) % 256);

    /// <summary>A whole native-size frame of <see cref="Pixel"/> values (H*W*3, top row first).</summary>
    public static byte[] Frame(int demo, int camera, int t, int size)
    {
        var frame = new byte[size * size * 3];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        for (var ch = 0; ch < 3; ch++)
            frame[(y * size + x) * 3 + ch] = Pixel(demo, camera, t, y, x, ch);
        return frame;
    }

    /// <summary>Same episodes, value for value (a writer/reader round trip).</summary>
    public static void SameEpisodes(List<Episode> actual, List<Episode> expected)
    {
        actual.Should().HaveCount(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (a, e) = (actual[i], expected[i]);
            a.Instruction.Should().Be(e.Instruction);
            (a.Height, a.Width, a.Length).Should().Be((e.Height, e.Width, e.Length));
            a.Frames.Keys.Should().Equal(e.Frames.Keys);
            for (var t = 0; t < e.Length; t++)
            {
                a.Actions[t].Should().Equal(e.Actions[t]);
                a.Proprio[t].Should().Equal(e.Proprio[t]);
                foreach (var camera in e.Frames.Keys) a.Frames[camera][t].Should().Equal(e.Frames[camera][t]);
            }
        }
    }
}
