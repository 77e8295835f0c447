using Vla.Abstractions;
using Vla.Core.Plugins;
using Vla.Core.Training;

namespace Vla.MLNet;

public sealed partial class VlaPolicyEstimator
{
    internal static class Defaults
    {
        public const string Label = "Label";
        public const string Instruction = "Instruction";
        public const string Proprio = "Proprio";
        public const string Output = "ActionChunk";
    }

    /// <summary>Everything <see cref="VlaCatalog.Policy(Options)"/> can be told; <see cref="Recipe"/> is required.</summary>
    public sealed record Options
    {
        /// <summary>The recipe to train (parts, dimensions, hyper-parameters); K and D size the label.</summary>
        public Recipe? Recipe { get; init; }

        /// <summary>Camera name (as in the recipe) -> pixel column: a float vector of 3*H*W in ExtractPixels' planar
        /// layout (all of R, then G, then B; rows top first). Null: each camera's column is named after it.</summary>
        public IReadOnlyDictionary<string, string>? CameraColumns { get; init; }

        /// <summary>The task instruction (text).</summary>
        public string InstructionColumn { get; init; } = Defaults.Instruction;

        /// <summary>The raw proprio state (float vector of the recipe's proprio_dim); unused when proprio_dim is 0.</summary>
        public string ProprioColumn { get; init; } = Defaults.Proprio;

        /// <summary>The label: K*D floats, the next K raw actions from the row's step (k-major).</summary>
        public string ActionChunkColumn { get; init; } = Defaults.Label;

        /// <summary>
        /// Groups rows into episodes (text or integer id); the rows of one episode must be its consecutive steps, in
        /// order. It keeps near-duplicate frames of one episode on one side of the train/validation split. Without
        /// it, consecutive rows whose chunks continue each other are joined (see README).
        /// </summary>
        public string? EpisodeColumn { get; init; }

        /// <summary>The predicted chunk column the transformer adds (K*D raw floats).</summary>
        public string OutputColumn { get; init; } = Defaults.Output;

        /// <summary>False: pixels are 0-255 (ExtractPixels' default); true: 0-1 (ExtractPixels with scaleImage 1/255).</summary>
        public bool PixelsAreScaled { get; init; }

        /// <summary>Pixel rows/columns; null: read from the column's (3, H, W) shape, else the recipe's image_size.</summary>
        public int? ImageHeight { get; init; }

        public int? ImageWidth { get; init; }

        /// <summary>Where the run folder (checkpoints, statistics, metrics) goes; null: a new folder under the temp dir.</summary>
        public string? RunDirectory { get; init; }

        /// <summary>Optimiser steps; null keeps the recipe's training.steps.</summary>
        public int? Steps { get; init; }

        /// <summary>The plugin parts; null: the built-in and user plugin folders (loaded once per process).</summary>
        public PartCatalog? Parts { get; init; }

        /// <summary>Reported after every training step.</summary>
        public IProgress<TrainProgress>? Progress { get; init; }

        /// <summary>Throws naming the first bad property.</summary>
        internal Recipe Validate()
        {
            if (Recipe is null) throw new ArgumentException($"{nameof(Options)}.{nameof(Recipe)} is required", nameof(Recipe));
            var recipe = Recipe.Validate();
            foreach (var (name, value) in new[]
                     {
                         (nameof(InstructionColumn), InstructionColumn), (nameof(ProprioColumn), ProprioColumn),
                         (nameof(ActionChunkColumn), ActionChunkColumn), (nameof(OutputColumn), OutputColumn),
                     })
                if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{nameof(Options)}.{name} must name a column", name);
            if (EpisodeColumn is { } e && string.IsNullOrWhiteSpace(e))
                throw new ArgumentException($"{nameof(Options)}.{nameof(EpisodeColumn)} must be null or name a column", nameof(EpisodeColumn));
            if (ImageHeight is <= 0 || ImageWidth is <= 0)
                throw new ArgumentOutOfRangeException(ImageHeight is <= 0 ? nameof(ImageHeight) : nameof(ImageWidth), "must be positive");
            if (Steps is <= 0) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "must be >= 1");
            if (CameraColumns is not null)
            {
                var unknown = CameraColumns.Keys.Except(recipe.Cameras).ToList();
                if (unknown.Count > 0)
                    throw new ArgumentException($"{nameof(Options)}.{nameof(CameraColumns)} names cameras the recipe does not have: " +
                        $"{string.Join(", ", unknown)} (recipe cameras: {string.Join(", ", recipe.Cameras)})", nameof(CameraColumns));
            }
            return recipe;
        }

        internal ObservationColumns Columns =>
            new(CameraColumns, InstructionColumn, ProprioColumn, OutputColumn, PixelsAreScaled, ImageHeight, ImageWidth);
    }
}
