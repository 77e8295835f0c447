using System.Text.Json;
using Vla.Abstractions;

namespace Vla.Core.Training;

/// <summary>
/// What a fine-tune took from its base, written as base.json in the run folder: which base (path, weights hash,
/// step), which tensors were copied whole, copied in part (row-mapped) or left freshly initialised, and which base
/// tensors had no counterpart (e.g. the base's head).
/// </summary>
public sealed record BaseInitialisation(
    string BaseRun,
    string BaseModelSha256,
    string BaseRecipe,
    int BaseStep,
    int BaseVocabulary,
    int Vocabulary,
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> PartiallyLoaded,
    IReadOnlyList<string> Skipped,
    IReadOnlyList<string> UnusedBase)
{
    public const string FileName = "base.json";

    public int LoadedCount => Loaded.Count;
    public int PartiallyLoadedCount => PartiallyLoaded.Count;
    public int SkippedCount => Skipped.Count;

    public string ToJson() => JsonSerializer.Serialize(this, Recipe.JsonOptions);

    /// <summary>The record of a run folder, or null when it was not initialised from a base.</summary>
    public static BaseInitialisation? Read(RunFolder run)
    {
        var file = run.Combine(FileName);
        return File.Exists(file) ? JsonSerializer.Deserialize<BaseInitialisation>(File.ReadAllText(file), ReadOptions) : null;
    }

    // The *Count properties are written for readers of the file; they are derived, so reading ignores them.
    private static readonly JsonSerializerOptions ReadOptions = new(Recipe.JsonOptions)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };
}
