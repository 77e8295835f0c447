namespace Vla.Core.Data;

/// <summary>Draws the synthetic table: a window centred at (cx, cy) of half-extent `half`, size x size RGB.</summary>
internal static class SyntheticRenderer
{
    public static byte[] Render(IReadOnlyList<SyntheticWorld.Item> items, float gx, float gy, float cx, float cy, float half,
        int size, bool drawGripper)
    {
        var rgb = new byte[size * size * 3];
        for (var row = 0; row < size; row++)
        for (var col = 0; col < size; col++)
        {
            float wx = cx - half + 2 * half * (col + 0.5f) / size, wy = cy - half + 2 * half * (row + 0.5f) / size;
            var (r, g, b) = wx is < 0 or > 1 || wy is < 0 or > 1 ? ((byte)30, (byte)30, (byte)30) : ((byte)150, (byte)120, (byte)90);
            foreach (var item in items)
                if (Inside(item, wx, wy))
                {
                    var c = SyntheticWorld.Colours[item.Colour];
                    (r, g, b) = (c.R, c.G, c.B);
                }
            if (drawGripper && OnCross(wx - gx, wy - gy)) (r, g, b) = (255, 255, 255);
            var i = (row * size + col) * 3;
            (rgb[i], rgb[i + 1], rgb[i + 2]) = (r, g, b);
        }
        return rgb;
    }

    private static bool Inside(SyntheticWorld.Item item, float x, float y)
    {
        float ax = MathF.Abs(x - item.X), ay = MathF.Abs(y - item.Y);
        const float r = SyntheticWorld.Radius;
        return item.Shape == 0 ? ax < r * 0.8f && ay < r * 0.8f : ax * ax + ay * ay < r * r;
    }

    private static bool OnCross(float dx, float dy) =>
        MathF.Abs(dx) < 0.012f && MathF.Abs(dy) < 0.06f || MathF.Abs(dy) < 0.012f && MathF.Abs(dx) < 0.06f;
}
