using System.Text.Json;
using Microsoft.ML.Tokenizers;
using Vla.Abstractions;

namespace Vla.Core.Text;

/// <summary>
/// GPT-2's byte-level BPE (Microsoft.ML.Tokenizers + the vocabulary its Data.Gpt2 package ships), reduced to the
/// tokens the dataset's instructions use: a 50k-row embedding would dwarf a 1M-parameter policy and its unseen
/// rows would stay random. Ids: 0 = padding, 1 = unknown, then one id per GPT-2 token seen in training.
/// Instructions are lower-cased and padded/truncated to a fixed length so every sequence has the same layout.
/// </summary>
public sealed class InstructionTokenizer
{
    public const int Pad = 0;
    public const int Unknown = 1;
    private static readonly Lazy<Tokenizer> Gpt2 = new(() => TiktokenTokenizer.CreateForModel("gpt2"));
    private readonly Dictionary<int, int> _compact;

    private InstructionTokenizer(IReadOnlyList<int> gpt2Ids, int maxTokens)
    {
        Gpt2Ids = gpt2Ids;
        MaxTokens = maxTokens;
        _compact = gpt2Ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i + 2);
    }

    /// <summary>The GPT-2 ids kept, in compact-id order (saved with the model).</summary>
    public IReadOnlyList<int> Gpt2Ids { get; }

    public int MaxTokens { get; }

    public int VocabularySize => Gpt2Ids.Count + 2;

    /// <summary>Builds the reduced vocabulary from the training instructions.</summary>
    public static InstructionTokenizer Fit(IEnumerable<string> instructions, int maxTokens)
    {
        var ids = instructions.SelectMany(RawIds).Distinct().Order().ToList();
        return new InstructionTokenizer(ids, maxTokens);
    }

    /// <summary>
    /// A fine-tune's vocabulary from a base's: every base token keeps its id (so the base's embedding rows still mean
    /// the same words) and the tokens only the new instructions use are appended after them, in GPT-2 id order.
    /// </summary>
    public InstructionTokenizer Extend(IEnumerable<string> instructions, int maxTokens)
    {
        var known = Gpt2Ids.ToHashSet();
        var added = instructions.SelectMany(RawIds).Where(id => !known.Contains(id)).Distinct().Order();
        return new InstructionTokenizer(Gpt2Ids.Concat(added).ToList(), maxTokens);
    }

    /// <summary>Compact ids (fixed length) and a mask that is true on real tokens.</summary>
    public (long[] Ids, bool[] Mask) Encode(string instruction)
    {
        var ids = new long[MaxTokens];
        var mask = new bool[MaxTokens];
        var raw = RawIds(instruction);
        for (var i = 0; i < Math.Min(raw.Count, MaxTokens); i++)
        {
            ids[i] = _compact.TryGetValue(raw[i], out var c) ? c : Unknown;
            mask[i] = true;
        }
        return (ids, mask);
    }

    /// <summary>How many of an instruction's tokens were unseen in training (for warnings).</summary>
    public int UnknownCount(string instruction) => RawIds(instruction).Count(id => !_compact.ContainsKey(id));

    public string ToJson() => JsonSerializer.Serialize(new Saved(Gpt2Ids.ToArray(), MaxTokens), Recipe.JsonOptions);

    public static InstructionTokenizer FromJson(string json, string source)
    {
        var saved = JsonSerializer.Deserialize<Saved>(json, Recipe.JsonOptions)
                    ?? throw new VlaException($"{source} is empty", "the run folder is damaged: retrain or restore it");
        return new InstructionTokenizer(saved.Gpt2Ids, saved.MaxTokens);
    }

    private static IReadOnlyList<int> RawIds(string instruction) =>
        Gpt2.Value.EncodeToIds(instruction.Trim().ToLowerInvariant());

    private sealed record Saved(int[] Gpt2Ids, int MaxTokens);
}
