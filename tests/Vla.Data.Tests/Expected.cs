namespace Vla.Data.Tests;

/// <summary>The values <see cref="H5pyWriter"/>'s script writes, computed independently in C#.</summary>
internal static class Expected
{
    public static float Action(int demo, int t, int j) => (demo * 1000 + t * 10 + j) * 0.25f;

    /// <summary>Proprio column <paramref name="j"/> of the <paramref name="k"/>-th proprio key.</summary>
    public static float Proprio(int demo, int t, int k, int j) => (demo * 100 + t * 10 + j) * 0.5f + k * 1000;

    public static byte Pixel(int demo, int camera, int t, int y, int x, int channel) =>
        (byte)((demo * 31 + t * 17 + y * 5 + x * 3 + channel * 11 + camera * 101) % 256);
}
