using Vla.Abstractions;
using Vla.Core.Text;

namespace Vla.Core.Training;

/// <summary>
/// A run folder: recipe.json, statistics.json, tokenizer.json (everything needed to rebuild the policy),
/// checkpoints/latest/ (model.safetensors, optimizer.safetensors, state.json) and metrics.jsonl.
/// </summary>
public sealed class RunFolder(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);
    public string RecipeFile => Combine("recipe.json");
    public string StatisticsFile => Combine("statistics.json");
    public string TokenizerFile => Combine("tokenizer.json");
    public string MetricsFile => Combine("metrics.jsonl");
    public string DataSourceFile => Combine("data_source.txt");

    /// <summary>The recorded data sources, one per line (see <see cref="TrainOptions.DataSource"/>); empty when none.</summary>
    public IReadOnlyList<string> ReadDataSources() => File.Exists(DataSourceFile)
        ? File.ReadAllLines(DataSourceFile).Select(l => l.Trim()).Where(l => l.Length > 0).ToList()
        : [];
    public string CheckpointsDir => Combine("checkpoints");
    public string LatestCheckpoint => System.IO.Path.Combine(CheckpointsDir, "latest");

    public bool HasCheckpoint => File.Exists(System.IO.Path.Combine(LatestCheckpoint, Checkpoint.StateFile));

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public Recipe ReadRecipe() => Recipe.FromJson(ReadRequired(RecipeFile), RecipeFile);

    public DatasetStatistics ReadStatistics() => DatasetStatistics.FromJson(ReadRequired(StatisticsFile), StatisticsFile);

    public InstructionTokenizer ReadTokenizer() => InstructionTokenizer.FromJson(ReadRequired(TokenizerFile), TokenizerFile);

    /// <summary>Throws a clear error when the folder is not a trained run.</summary>
    public RunFolder RequireTrained()
    {
        if (!Directory.Exists(Path))
            throw new VlaException($"run folder '{Path}' does not exist", "train one first: vla train --recipe FILE --out DIR");
        if (PolicyFolders() is { Count: > 0 } policies)
            throw new VlaException($"'{Path}' holds one policy per suite, not one policy",
                $"name one of them: {string.Join(", ", policies.Select(p => System.IO.Path.Combine(Path, p)))}");
        if (!HasCheckpoint)
            throw new VlaException($"'{Path}' has no checkpoint (checkpoints/latest/{Checkpoint.StateFile})",
                "training may have been interrupted before the first checkpoint: re-run vla train with --resume");
        return this;
    }

    /// <summary>Sub-folders that are trained runs themselves, in a folder without a checkpoint of its own (`vla run` writes
    /// one per suite); empty for a plain run.</summary>
    public IReadOnlyList<string> PolicyFolders() => Directory.Exists(Path) && !HasCheckpoint
        ? Directory.GetDirectories(Path).Where(d => new RunFolder(d).HasCheckpoint).Select(d => System.IO.Path.GetFileName(d)!).Order().ToList()
        : [];

    private static string ReadRequired(string file) => File.Exists(file)
        ? File.ReadAllText(file)
        : throw new VlaException($"'{file}' is missing", "the run folder is incomplete: retrain with vla train");
}
