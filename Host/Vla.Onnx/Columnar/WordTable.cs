using Microsoft.ML.Tokenizers;
using Vla.Core.Text;

namespace Vla.Onnx.Columnar;

/// <summary>
/// The in-graph tokenizer's lookup: whitespace-separated words -> the compact ids <see cref="InstructionTokenizer"/>
/// gives them (first word without, later words with GPT-2's leading space). Every entry is computed by the real
/// tokenizer, so a known word is exact; the words come from the given instructions and from the kept vocabulary
/// (each kept token, and up to three kept tokens joined). A word not in the table becomes one unknown token.
/// </summary>
internal sealed class WordTable
{
    private const int MaxCandidates = 200_000;
    private static readonly Lazy<Tokenizer> Gpt2 = new(() => TiktokenTokenizer.CreateForModel("gpt2"));
    private readonly Dictionary<string, long[]> _rows = new();   // key of the id sequence -> row

    private WordTable(InstructionTokenizer tokenizer, IEnumerable<string> words)
    {
        Rows.Add([InstructionTokenizer.Unknown]);
        foreach (var word in words.Distinct())
        {
            First[word] = Row(Ids(tokenizer, word, leadingSpace: false));
            Later[word] = Row(Ids(tokenizer, word, leadingSpace: true));
        }
    }

    /// <summary>Id sequences; row 0 is the unknown word.</summary>
    public List<long[]> Rows { get; } = [];

    public Dictionary<string, long> First { get; } = new();

    public Dictionary<string, long> Later { get; } = new();

    public const long UnknownRow = 0;

    public int Width => Rows.Max(r => r.Length);

    public static WordTable Build(InstructionTokenizer tokenizer, IEnumerable<string> instructions) =>
        new(tokenizer, instructions.SelectMany(Split).Concat(VocabularyWords(tokenizer)));

    /// <summary>Lower-cased whitespace-separated words, as the graph splits them.</summary>
    public static IEnumerable<string> Split(string instruction) =>
        instruction.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private long Row(long[] ids)
    {
        var key = string.Join(",", ids);
        if (_rows.TryGetValue(key, out var row)) return row[0];
        Rows.Add(ids);
        _rows[key] = [Rows.Count - 1];
        return Rows.Count - 1;
    }

    /// <summary>The word's compact ids; a later word is encoded after "x " and the "x" token dropped.</summary>
    private static long[] Ids(InstructionTokenizer tokenizer, string word, bool leadingSpace)
    {
        var (ids, mask) = tokenizer.Encode(leadingSpace ? "x " + word : word);
        var count = mask.Count(m => m);
        return ids.Skip(leadingSpace ? 1 : 0).Take(count - (leadingSpace ? 1 : 0)).ToArray();
    }

    /// <summary>Candidate words spelled by the kept GPT-2 tokens: a word-initial token then up to two continuations.</summary>
    private static IEnumerable<string> VocabularyWords(InstructionTokenizer tokenizer)
    {
        var pieces = tokenizer.Gpt2Ids.Select(id => Gpt2.Value.Decode([id]) ?? "").Where(p => p.Length > 0).ToList();
        var starts = pieces.Select(p => p.StartsWith(' ') ? p[1..] : p).Where(IsWord).Distinct().ToList();
        var continuations = pieces.Where(IsWord).Distinct().ToList();
        var words = new List<string>(starts);
        foreach (var s in starts)
        foreach (var c in continuations)
            words.Add(s + c);
        if ((long)starts.Count * continuations.Count * continuations.Count <= MaxCandidates)
            foreach (var s in starts)
            foreach (var c1 in continuations)
            foreach (var c2 in continuations)
                words.Add(s + c1 + c2);
        return words.Where(w => w == w.ToLowerInvariant());
    }

    private static bool IsWord(string piece) => piece.Length > 0 && !piece.Any(char.IsWhiteSpace) && !piece.Contains('\uFFFD');
}
