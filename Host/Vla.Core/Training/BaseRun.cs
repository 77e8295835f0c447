using System.Security.Cryptography;
using TorchSharp;
using TorchSharp.PyBridge;
using Vla.Abstractions;
using Vla.Core.Model;
using Vla.Core.Text;
using static TorchSharp.torch;

namespace Vla.Core.Training;

/// <summary>
/// A trained run a new run starts from (<see cref="TrainOptions.BaseRun"/>), as the paper fine-tunes a pretrained VLA:
/// every tensor whose name and shape match is copied from the base's latest weights, a few are copied row by row
/// (<see cref="RowMap"/>), and the rest keep their fresh initialisation (new heads, zero-initialised FiLM).
/// </summary>
internal sealed class BaseRun
{
    private readonly RunFolder _folder;

    private BaseRun(RunFolder folder, Recipe recipe, InstructionTokenizer tokenizer)
    {
        _folder = folder;
        Recipe = recipe;
        Tokenizer = tokenizer;
    }

    public Recipe Recipe { get; }

    public InstructionTokenizer Tokenizer { get; }

    public string ModelFile => System.IO.Path.Combine(_folder.LatestCheckpoint, Checkpoint.ModelFile);

    /// <summary>Opens a base run and refuses one whose vision or backbone sizes differ from <paramref name="recipe"/>'s.</summary>
    public static BaseRun Open(string path, Recipe recipe)
    {
        var folder = new RunFolder(path);
        if (!folder.HasCheckpoint)
            throw new VlaException($"base run '{folder.Path}' has no checkpoint (checkpoints/latest/{Checkpoint.StateFile})",
                "pass a run folder written by `vla pretrain` or `vla train`");
        var baseRecipe = folder.ReadRecipe();
        BaseCompatibility.Check(baseRecipe, recipe, folder.Path);
        return new BaseRun(folder, baseRecipe, folder.ReadTokenizer());
    }

    /// <summary>The fine-tune's vocabulary: the base's ids first, then the new instructions' tokens.</summary>
    public InstructionTokenizer ExtendTokenizer(IEnumerable<string> instructions, int maxTokens) =>
        Tokenizer.Extend(instructions, maxTokens);

    /// <summary>Copies the base's weights into a freshly built model; says what was copied.</summary>
    public BaseInitialisation Initialise(VlaPolicyModel model, int vocabulary)
    {
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(ModelFile))).ToLowerInvariant();
        var weights = Safetensors.LoadStateDict(ModelFile);
        try
        {
            using var _ = no_grad();
            List<string> loaded = [], partial = [], skipped = [];
            var targets = model.state_dict();
            foreach (var (name, target) in targets)
            {
                if (!weights.TryGetValue(name, out var source)) skipped.Add($"{name}: not in the base");
                else if (source.shape.SequenceEqual(target.shape) && source.dtype == target.dtype)
                {
                    target.copy_(source);
                    loaded.Add(name);
                }
                else if (MapRows(name, model.Recipe, target, source) is { Rows: > 0 } map)
                {
                    foreach (var (t, s, count) in map.Ranges)
                    {
                        using var into = target.narrow(0, t, count);
                        using var from = source.narrow(0, s, count);
                        into.copy_(from);
                    }
                    partial.Add($"{name}: {map.Rows} of {target.shape[0]} rows");
                }
                else skipped.Add($"{name}: shape {Shape(target)} vs the base's {Shape(source)}");
            }
            var unused = weights.Keys.Where(k => !targets.ContainsKey(k)).ToList();
            return new BaseInitialisation(_folder.Path, hash, Recipe.Name, Checkpoint.ReadState(_folder).Step,
                Tokenizer.VocabularySize, vocabulary, loaded, partial, skipped, unused);
        }
        finally
        {
            foreach (var t in weights.Values) t.Dispose();
        }
    }

    // Only tensors whose rows keep a meaning across the two layouts are copied in part; widths must agree.
    private RowMap? MapRows(string name, Recipe recipe, Tensor target, Tensor source)
    {
        if (target.ndim != 2 || source.ndim != 2 || target.shape[1] != source.shape[1] || target.dtype != source.dtype) return null;
        return name switch
        {
            "token_embedding.weight" when target.shape[0] >= source.shape[0] => RowMap.Prefix(source.shape[0]),
            "camera_embedding" => RowMap.Cameras(recipe, Recipe),
            "backbone.position_embedding" => RowMap.Positions(recipe, target.shape[0], Recipe, source.shape[0]),
            _ => null,
        };
    }

    private static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";
}
