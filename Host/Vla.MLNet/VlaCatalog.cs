using Microsoft.ML;
using Vla.Abstractions;
using Vla.Core.Plugins;

namespace Vla.MLNet;

/// <summary>
/// Vla.NET's ML.NET catalog. Each method is a one-line shell (as in ML.NET's ExtensionsCatalog): a simple overload
/// with column names, and an <see cref="VlaPolicyEstimator.Options"/> overload for everything else.
/// </summary>
public sealed class VlaCatalog
{
    internal VlaCatalog(MLContext context) => Context = context;

    internal MLContext Context { get; }

    /// <summary>Trains the recipe in <paramref name="recipePath"/> (JSON, as recipes/oft.json); cameras are read from
    /// columns named after the recipe's cameras (planar RGB floats, as ExtractPixels outputs them).</summary>
    /// <param name="labelColumnName">the action-chunk label: K*D floats, the next K actions of the row's step</param>
    /// <param name="episodeColumnName">groups rows (consecutive steps, in order) into episodes</param>
    /// <param name="steps">optimiser steps; null keeps the recipe's training.steps</param>
    public VlaPolicyEstimator Policy(string recipePath, string labelColumnName = VlaPolicyEstimator.Defaults.Label,
        string instructionColumnName = VlaPolicyEstimator.Defaults.Instruction,
        string proprioColumnName = VlaPolicyEstimator.Defaults.Proprio, string? episodeColumnName = null,
        string outputColumnName = VlaPolicyEstimator.Defaults.Output, int? steps = null) =>
        Policy(Recipe.FromFile(recipePath), labelColumnName, instructionColumnName, proprioColumnName, episodeColumnName,
            outputColumnName, steps);

    /// <summary>As <see cref="Policy(string, string, string, string, string?, string, int?)"/> with a recipe object.</summary>
    public VlaPolicyEstimator Policy(Recipe recipe, string labelColumnName = VlaPolicyEstimator.Defaults.Label,
        string instructionColumnName = VlaPolicyEstimator.Defaults.Instruction,
        string proprioColumnName = VlaPolicyEstimator.Defaults.Proprio, string? episodeColumnName = null,
        string outputColumnName = VlaPolicyEstimator.Defaults.Output, int? steps = null) =>
        Policy(new VlaPolicyEstimator.Options
        {
            Recipe = recipe, ActionChunkColumn = labelColumnName, InstructionColumn = instructionColumnName,
            ProprioColumn = proprioColumnName, EpisodeColumn = episodeColumnName, OutputColumn = outputColumnName, Steps = steps,
        });

    /// <summary>Trains a recipe with every column, image and run option spelled out.</summary>
    public VlaPolicyEstimator Policy(VlaPolicyEstimator.Options options) => new(Context, options);

    /// <summary>
    /// Loads a .zip written by <c>mlContext.Model.Save</c> (or <c>vla export</c>) with <c>mlContext.Model.Load</c>, and
    /// checks the inputs it is given against the schema saved with it. Errors name the problem and the fix:
    /// <see cref="FileNotFoundException"/> (no file), <see cref="InvalidDataException"/> (truncated or not a model .zip),
    /// <see cref="ArgumentOutOfRangeException"/> from Transform (a column missing or of another size).
    /// </summary>
    public SavedModel LoadModel(string path) => ModelFile.Load(Context, path);

    /// <summary>
    /// Writes a trained run folder (from <c>Fit</c> or <c>vla train</c>) as an ML.NET .zip, as <c>mlContext.Model.Save</c>
    /// of <see cref="LoadPolicy"/>'s transformer with default column names does (cameras named after the recipe's,
    /// "Instruction", "Proprio", pixels 0-255 -> "ActionChunk").
    /// </summary>
    public void SaveModel(string runDirectory, string path, PartCatalog? parts = null) =>
        ModelFile.Save(Context, runDirectory, path, parts ?? SharedParts.Catalog);

    /// <summary>
    /// A transformer from a run folder written by <c>Fit</c> or <c>vla train</c> (see
    /// <see cref="VlaPolicyTransformer.RunDirectory"/>). The input columns are named as in <see cref="Policy(Recipe, string, string, string, string?, string, int?)"/>.
    /// </summary>
    /// <param name="cameraColumns">camera name -> pixel column; null: columns named after the recipe's cameras</param>
    /// <param name="pixelsAreScaled">false: pixels are 0-255 (ExtractPixels' default); true: 0-1</param>
    /// <param name="parts">the plugin parts; null: the built-in and user plugin folders</param>
    public VlaPolicyTransformer LoadPolicy(string runDirectory, IReadOnlyDictionary<string, string>? cameraColumns = null,
        string instructionColumnName = VlaPolicyEstimator.Defaults.Instruction,
        string proprioColumnName = VlaPolicyEstimator.Defaults.Proprio,
        string outputColumnName = VlaPolicyEstimator.Defaults.Output, bool pixelsAreScaled = false, PartCatalog? parts = null) =>
        VlaPolicyTransformer.Load(runDirectory, new ObservationColumns(cameraColumns, instructionColumnName, proprioColumnName,
            outputColumnName, pixelsAreScaled, ImageHeight: null, ImageWidth: null), parts ?? SharedParts.Catalog, training: null);
}
