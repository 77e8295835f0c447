using Microsoft.ML;
using Microsoft.ML.Data;
using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.MLNet.Tests;

/// <summary>Synthetic episodes written as PNG files, the rows describing them, a tiny recipe and the image pipeline.</summary>
internal static class TestData
{
    public const int ImageSize = 32, Chunk = 4, ActionDim = 7, ProprioDim = 8;

    public static Recipe TinyRecipe(int steps = 300) => new()
    {
        Name = "mlnet-test",
        Chunk = Chunk,
        ActionDim = ActionDim,
        ProprioDim = ProprioDim,
        ImageSize = ImageSize,
        MaxInstructionTokens = 8,
        Vision = new VisionSpec { Kind = "vit", Width = 32, Depth = 1, Heads = 2, PatchSize = 8 },
        Backbone = new BackboneSpec { Width = 32, Depth = 1, Heads = 2, MlpRatio = 2 },
        Training = new TrainingSpec
        {
            Steps = steps, BatchSize = 16, LearningRate = 3e-3, WarmupSteps = 10, ValidationFraction = 0.2,
            ValidateEvery = 50, CheckpointEvery = 1000,
        },
    };

    /// <summary>Writes every frame of <paramref name="episodes"/> as PNG into <paramref name="folder"/>; returns the rows.</summary>
    public static List<StepRow> WriteRows(IReadOnlyList<Episode> episodes, string folder)
    {
        Directory.CreateDirectory(folder);
        var rows = new List<StepRow>();
        for (var e = 0; e < episodes.Count; e++)
        {
            var episode = episodes[e];
            for (var t = 0; t < episode.Length; t++)
                rows.Add(new StepRow
                {
                    AgentviewPath = WritePng(folder, $"e{e}_t{t}_agentview.png", episode.Frames["agentview"][t], episode),
                    EyeInHandPath = WritePng(folder, $"e{e}_t{t}_eye_in_hand.png", episode.Frames["eye_in_hand"][t], episode),
                    Instruction = episode.Instruction,
                    Proprio = episode.Proprio[t],
                    Label = ChunkAt(episode, t),
                    Episode = e,
                });
        }
        return rows;
    }

    /// <summary>The next K actions from step t, the last one repeated past the end (as the trainer forms chunks).</summary>
    public static float[] ChunkAt(Episode episode, int t) =>
        Enumerable.Range(0, Chunk).SelectMany(j => episode.Actions[Math.Min(t + j, episode.Length - 1)]).ToArray();

    /// <summary>LoadImages -> ResizeImages -> ExtractPixels for both cameras, into columns named after the cameras.</summary>
    public static IEstimator<ITransformer> ImagePipeline(MLContext ml, int size = ImageSize) =>
        ml.Transforms.LoadImages("agentview", imageFolder: null, inputColumnName: nameof(StepRow.AgentviewPath))
            .Append(ml.Transforms.LoadImages("eye_in_hand", imageFolder: null, inputColumnName: nameof(StepRow.EyeInHandPath)))
            .Append(ml.Transforms.ResizeImages("agentview", size, size))
            .Append(ml.Transforms.ResizeImages("eye_in_hand", size, size))
            .Append(ml.Transforms.ExtractPixels("agentview"))
            .Append(ml.Transforms.ExtractPixels("eye_in_hand"));

    public static string TempFolder(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "vla-mlnet-tests", $"{name}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string WritePng(string folder, string name, byte[] rgb, Episode episode)
    {
        var rgba = new byte[episode.Height * episode.Width * 4];
        for (var i = 0; i < episode.Height * episode.Width; i++)
        {
            (rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2], rgba[i * 4 + 3]) = (rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2], 255);
        }
        var path = Path.Combine(folder, name);
        using var image = MLImage.CreateFromPixels(episode.Width, episode.Height, MLPixelFormat.Rgba32, rgba);
        image.Save(path);
        return path;
    }
}
