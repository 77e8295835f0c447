using Vla.Core.Text;

namespace Vla.Onnx.Columnar;

/// <summary>
/// <see cref="InstructionTokenizer"/> as ONNX nodes for one row: text (1, 1) -> lower case (StringNormalizer) ->
/// whitespace words (StringSplit) -> table rows (two LabelEncoders: first word, later words) -> their id sequences
/// (Gather), padding dropped (Compress), then padded/truncated to T -> ids (1, T) and mask (1, T) = ids != 0.
/// </summary>
internal static class TokenizerGraph
{
    public static void Emit(ProtoNodes g, string text, WordTable table, int maxTokens, string idsOut, string maskOut)
    {
        var flat = g.Node("Reshape", [text, g.Longs([-1], 1)]);
        // Locale "C" exists everywhere (ORT's default en_US.UTF-8 often does not); it lower-cases ASCII letters only.
        var lower = g.Node("StringNormalizer", [flat], new Dictionary<string, object> { ["case_change_action"] = "LOWER", ["locale"] = "C" });
        var split = g.Nodes("StringSplit", [lower], 2)[0];                                    // (1, M), "" padded
        var words = g.Node("Reshape", [split, g.Longs([-1], 1)]);                                  // (M)
        var first = Lookup(g, words, table.First);
        var later = Lookup(g, words, table.Later);
        var count = g.Node("Squeeze", [g.Node("Shape", [words])]);
        var position = g.Node("Range", [g.Longs([0]), count, g.Longs([1])]);
        var rows = g.Node("Where", [g.Node("Equal", [position, g.Longs([0])]), first, later]);  // (M)
        var width = table.Width;
        var padded = table.Rows.SelectMany(r => r.Concat(Enumerable.Repeat(0L, width - r.Length))).ToArray();
        var sequences = g.Node("Gather", [g.Longs(padded, table.Rows.Count, width), rows]);       // (M, L)
        var all = g.Node("Reshape", [sequences, g.Longs([-1], 1)]);
        var real = g.Node("Not", [g.Node("Equal", [all, g.Longs([0])])]);
        var tokens = g.Node("Compress", [all, real], new Dictionary<string, object> { ["axis"] = 0L });
        var withPad = g.Node("Concat", [tokens, g.Longs(new long[maxTokens], maxTokens)], new Dictionary<string, object> { ["axis"] = 0L });
        var cut = g.Node("Slice", [withPad, g.Longs([0], 1), g.Longs([maxTokens], 1)]);
        var ids = g.Node("Reshape", [cut, g.Longs([1, maxTokens], 2)], output: idsOut);
        g.Node("Not", [g.Node("Equal", [ids, g.Longs([0])])], output: maskOut);
    }

    private static string Lookup(ProtoNodes g, string words, Dictionary<string, long> map)
    {
        var entries = map.Count > 0 ? map : new Dictionary<string, long> { ["\u0000"] = WordTable.UnknownRow };
        return g.Node("LabelEncoder", [words], new Dictionary<string, object>
        {
            ["keys_strings"] = entries.Keys.ToArray(),
            ["values_int64s"] = entries.Values.ToArray(),
            ["default_int64"] = WordTable.UnknownRow,
        }, domain: ProtoNodes.MlDomain);
    }
}
