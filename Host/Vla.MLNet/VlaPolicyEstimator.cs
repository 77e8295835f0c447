using Microsoft.ML;
using Vla.Abstractions;
using Vla.Core.Training;

namespace Vla.MLNet;

/// <summary>
/// Trains a recipe on an <see cref="IDataView"/> whose rows are (camera pixels, instruction, proprio, action-chunk label)
/// samples, e.g. the output of LoadImages -> ResizeImages -> ExtractPixels. <see cref="Fit"/> writes a run folder
/// (the same as <c>vla train</c>) and returns a transformer holding the trained policy.
/// </summary>
public sealed partial class VlaPolicyEstimator : IEstimator<VlaPolicyTransformer>
{
    private readonly MLContext _context;
    private readonly Options _options;
    private readonly Recipe _recipe;

    internal VlaPolicyEstimator(MLContext context, Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _context = context;
        _recipe = options.Validate();
        _options = options;
    }

    /// <summary>Checks kinds and item types (a <see cref="SchemaShape"/> has no vector sizes: <see cref="Fit"/> checks
    /// those) and adds the output column.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var columns = _options.Columns;
        columns.CheckShape(inputSchema, _recipe);
        TrainingRows.CheckShape(inputSchema, _options.ActionChunkColumn, _options.EpisodeColumn);
        // SchemaShape.Column cannot be built outside ML.NET: borrow a known-size Single vector column (a camera's).
        return _context.Transforms.CopyColumns(columns.Output, columns.CameraColumn(_recipe.Cameras[0])).GetOutputSchema(inputSchema);
    }

    /// <summary>Reads every row, trains the recipe into <see cref="Options.RunDirectory"/> and loads the policy.</summary>
    public VlaPolicyTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var columns = _options.Columns;
        var bound = columns.Bind(input.Schema, _recipe);                          // every check before reading a row
        var label = TrainingRows.BindLabel(input.Schema, _options.ActionChunkColumn, _recipe);
        var episode = TrainingRows.BindEpisode(input.Schema, _options.EpisodeColumn);
        var rows = TrainingRows.Read(input, bound, label, episode);
        var episodes = EpisodeAssembler.Assemble(rows, _recipe, label.Name, bound.Instruction.Name, _options.EpisodeColumn);
        var parts = _options.Parts ?? SharedParts.Catalog;
        var runDir = _options.RunDirectory ?? DefaultRunDirectory(_recipe);
        var result = Trainer.Train(_recipe, episodes, parts, new TrainOptions(runDir, Steps: _options.Steps, Progress: _options.Progress));
        return VlaPolicyTransformer.Load(result.Run, columns, parts, result, episodes.Select(e => e.Instruction).Distinct().ToList());
    }

    private static string DefaultRunDirectory(Recipe recipe) =>
        Path.Combine(Path.GetTempPath(), "vla-mlnet", $"{recipe.Name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}");
}
