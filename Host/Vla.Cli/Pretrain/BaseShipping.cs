using System.Text.Json;
using Vla.Abstractions;
using Vla.Cli.Report;
using Vla.Core.Training;

namespace Vla.Cli.Pretrain;

/// <summary>
/// Copies what fine-tuning and reproduction need from a pretraining run into the folder the repository ships
/// (models/base): weights (not the optimiser state), recipe, tokenizer, statistics, training log, provenance and a loss
/// plot, plus shipped.json with every file's SHA-256 so a test can prove the shipped weights are the recorded ones.
/// Written atomically (temp folder, then renamed over the old one).
/// </summary>
internal static class BaseShipping
{
    public const string ManifestFile = "shipped.json";

    /// <summary>Largest weights file the repository takes (the budget).</summary>
    public const long MaxModelBytes = 25L << 20;

    public sealed record Manifest(string Source, int Step, long ModelBytes, IReadOnlyDictionary<string, string> Sha256);

    private static readonly string[] Files =
    [
        "recipe.json", "tokenizer.json", "statistics.json", "metrics.jsonl", PretrainProvenance.FileName, BaseInitialisation.FileName,
        "checkpoints/latest/model.safetensors", "checkpoints/latest/state.json",
    ];

    public static Manifest Ship(string runDir, string destination)
    {
        var run = new RunFolder(runDir);
        if (!run.HasCheckpoint) throw new VlaException($"'{runDir}' has no checkpoint to ship", "train it first with vla pretrain");
        var model = Path.Combine(run.LatestCheckpoint, "model.safetensors");
        var bytes = new FileInfo(model).Length;
        if (bytes > MaxModelBytes)
            throw new VlaException($"the base weights are {bytes / 1e6:F1} MB, above the {MaxModelBytes >> 20} MB the repository ships",
                "pretrain a smaller recipe (vision/backbone width or depth)");
        var target = Path.GetFullPath(destination).TrimEnd(Path.DirectorySeparatorChar);
        var temp = $"{target}.shipping-{Guid.NewGuid():N}";
        try
        {
            var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in Files)
            {
                var from = run.Combine(file);
                if (!File.Exists(from))
                {
                    if (file == PretrainProvenance.FileName) throw new VlaException($"'{runDir}' has no {file}", "ship a run written by vla pretrain");
                    continue;
                }
                var to = Path.Combine(temp, file);
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(from, to);
                hashes[file] = FileSha256.Of(to);
            }
            var metrics = MetricsLog.Read(temp);
            if (!metrics.IsEmpty)
            {
                Directory.CreateDirectory(Path.Combine(temp, "plots"));
                File.WriteAllBytes(Path.Combine(temp, "plots", "loss.png"), LossCurvePlot.Render(metrics));
            }
            var manifest = new Manifest(Path.GetFullPath(runDir), Checkpoint.ReadState(run).Step, bytes, hashes);
            File.WriteAllText(Path.Combine(temp, ManifestFile), JsonSerializer.Serialize(manifest, new JsonSerializerOptions
            {
                WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            }));
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Directory.Move(temp, target);
            return manifest;
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }
}
