using System.Text.Json;
using TorchSharp;
using TorchSharp.PyBridge;
using Vla.Abstractions;
using Vla.Core.Model;
using static TorchSharp.torch;

namespace Vla.Core.Training;

/// <summary>
/// A checkpoint folder: model.safetensors, optimizer.safetensors and state.json (step, metrics). Written into a
/// temporary folder then swapped in with renames, so an interrupted save leaves the previous checkpoint intact.
/// </summary>
internal static class Checkpoint
{
    public const string ModelFile = "model.safetensors";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string StateFile = "state.json";

    /// <param name="WallSeconds">training seconds up to this checkpoint, summed over every resumed session</param>
    public sealed record State(int Step, string Recipe, int Seed, double? ValidationLoss, double WallSeconds);

    public static void Save(RunFolder run, VlaPolicyModel model, AdamW optimizer, State state)
    {
        Directory.CreateDirectory(run.CheckpointsDir);
        var tmp = Path.Combine(run.CheckpointsDir, $".tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(tmp);
        Safetensors.SaveStateDict(Path.Combine(tmp, ModelFile), model.state_dict());
        Safetensors.SaveStateDict(Path.Combine(tmp, OptimizerFile), optimizer.StateDict());
        File.WriteAllText(Path.Combine(tmp, StateFile), JsonSerializer.Serialize(state, Recipe.JsonOptions));
        var old = Path.Combine(run.CheckpointsDir, $".old-{Guid.NewGuid():N}");
        if (Directory.Exists(run.LatestCheckpoint)) Directory.Move(run.LatestCheckpoint, old);
        Directory.Move(tmp, run.LatestCheckpoint);
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
    }

    /// <summary>Recovers from a crash between the two renames of <see cref="Save"/>.</summary>
    public static void Recover(RunFolder run)
    {
        if (!Directory.Exists(run.CheckpointsDir) || Directory.Exists(run.LatestCheckpoint)) return;
        var old = Directory.GetDirectories(run.CheckpointsDir, ".old-*").FirstOrDefault();
        if (old is not null) Directory.Move(old, run.LatestCheckpoint);
    }

    public static State ReadState(RunFolder run)
    {
        var file = Path.Combine(run.LatestCheckpoint, StateFile);
        return JsonSerializer.Deserialize<State>(File.ReadAllText(file), Recipe.JsonOptions)
               ?? throw new VlaException($"{file} is empty", "the checkpoint is damaged: retrain");
    }

    public static void LoadModel(string folder, nn.Module model)
    {
        var file = Path.Combine(folder, ModelFile);
        try
        {
            model.load_safetensors(file, strict: true);
        }
        catch (Exception e) when (e is not VlaException)
        {
            throw new VlaException($"cannot load weights from {file}: {e.Message}",
                "the checkpoint does not match the recipe (different sizes or parts), or the file is damaged");
        }
    }

    public static void LoadOptimizer(string folder, AdamW optimizer)
    {
        var state = Safetensors.LoadStateDict(Path.Combine(folder, OptimizerFile));
        optimizer.LoadStateDict(state);
        foreach (var t in state.Values) t.Dispose();
    }
}
