using Vla.Abstractions;

namespace Vla.Core.Training;

/// <summary>
/// Which rows of a base tensor initialise which rows of a fine-tune's tensor when the two differ in length but the
/// rows mean the same thing: token embeddings (an extended vocabulary keeps the base's ids first), camera embeddings
/// (matched by camera name) and the backbone's positions (matched segment by segment: each camera's patches, the
/// proprio token, the instruction tokens, then the head's tokens).
/// </summary>
internal sealed record RowMap(IReadOnlyList<(long Target, long Source, long Count)> Ranges)
{
    public long Rows => Ranges.Sum(r => r.Count);

    public static RowMap Prefix(long rows) => new([(0, 0, rows)]);

    public static RowMap Cameras(Recipe target, Recipe source) =>
        new(target.Cameras.Select((name, i) => ((long)i, (long)source.Cameras.IndexOf(name), 1L)).Where(r => r.Item2 >= 0).ToList());

    public static RowMap Positions(Recipe target, long targetRows, Recipe source, long sourceRows)
    {
        var t = Layout.Of(target, targetRows);
        var s = Layout.Of(source, sourceRows);
        var ranges = new List<(long, long, long)>();
        for (var c = 0; c < target.Cameras.Count; c++)
        {
            var sc = source.Cameras.IndexOf(target.Cameras[c]);
            if (sc >= 0) ranges.Add((c * t.PerCamera, sc * s.PerCamera, t.PerCamera));
        }
        if (t.Proprio >= 0 && s.Proprio >= 0) ranges.Add((t.Proprio, s.Proprio, 1));
        ranges.Add((t.Instruction, s.Instruction, Math.Min(t.InstructionCount, s.InstructionCount)));
        ranges.Add((t.Tail, s.Tail, Math.Min(targetRows - t.Tail, sourceRows - s.Tail)));
        return new RowMap(ranges.Where(r => r.Item3 > 0).ToList());
    }

    // Offsets of a recipe's sequence segments (Proprio -1 when there is no proprio token); the tail is whatever the
    // head adds after the instruction (extra tokens, action slots).
    private sealed record Layout(long PerCamera, long Proprio, long Instruction, long InstructionCount, long Tail)
    {
        public static Layout Of(Recipe r, long rows)
        {
            long perCamera = r.Vision.TokensPerCamera(r.ImageSize), cameras = r.Cameras.Count * perCamera;
            long proprio = r.ProprioDim > 0 ? cameras : -1, instruction = cameras + (r.ProprioDim > 0 ? 1 : 0);
            long tail = Math.Min(instruction + r.MaxInstructionTokens, rows);
            return new Layout(perCamera, proprio, instruction, r.MaxInstructionTokens, tail);
        }
    }
}
