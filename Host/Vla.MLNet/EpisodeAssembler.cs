using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.MLNet;

/// <summary>
/// Turns labelled rows into the core's episodes. Each row's label is its own training target (Episode.Chunks), so a
/// row is never trained on another chunk; episodes only decide which rows are held out together for validation.
/// </summary>
internal static class EpisodeAssembler
{
    private const float Tolerance = 1e-5f;

    public static List<Episode> Assemble(IReadOnlyList<TrainingRow> rows, Recipe recipe, string labelColumn,
        string instructionColumn, string? episodeColumn)
    {
        var groups = episodeColumn is null
            ? Chain(rows, recipe)
            : rows.GroupBy(r => r.Episode!).Select(g => g.ToList()).ToList();   // GroupBy keeps first-seen and row order
        return groups.Select(g => Build(g, instructionColumn, episodeColumn, recipe.ActionDim)).ToList();
    }

    /// <summary>Without episode ids, a row continues the previous one when it has the same instruction and its chunk is
    /// the previous chunk shifted by one step (as consecutive steps of one episode are labelled); independent rows
    /// become one-step episodes.</summary>
    private static List<List<TrainingRow>> Chain(IReadOnlyList<TrainingRow> rows, Recipe recipe)
    {
        var groups = new List<List<TrainingRow>> { new() { rows[0] } };
        for (var i = 1; i < rows.Count; i++)
        {
            if (Continues(rows[i - 1], rows[i], recipe)) groups[^1].Add(rows[i]);
            else groups.Add([rows[i]]);
        }
        return groups;
    }

    private static bool Continues(TrainingRow previous, TrainingRow next, Recipe recipe)
    {
        if (previous.Observation.Instruction != next.Observation.Instruction) return false;
        var shifted = (recipe.Chunk - 1) * recipe.ActionDim;
        return Same(previous.Label.AsSpan(recipe.ActionDim, shifted), next.Label.AsSpan(0, shifted));
    }

    private static Episode Build(List<TrainingRow> steps, string instructionColumn, string? episodeColumn, int d)
    {
        var first = steps[0];
        var source = episodeColumn is null
            ? $"rows {first.Row}-{steps[^1].Row}"
            : $"episode '{first.Episode}' (column '{episodeColumn}')";
        if (steps.FirstOrDefault(s => s.Observation.Instruction != first.Observation.Instruction) is { } other)
            throw new VlaException($"{source}: row {other.Row} has another instruction (column '{instructionColumn}') than row {first.Row}",
                "an episode has one instruction: check the episode ids");
        var actions = steps.Select(s => s.Label[..d]).ToArray();
        var frames = first.Observation.Images.ToDictionary(i => i.Camera,
            i => steps.Select(s => s.Observation.Images.First(x => x.Camera == i.Camera).Rgb).ToArray());
        var image = first.Observation.Images[0];
        return new Episode(first.Observation.Instruction, image.Height, image.Width, frames,
            steps.Select(s => s.Observation.Proprio).ToArray(), actions, source) { Chunks = steps.Select(s => s.Label).ToArray() };
    }

    private static bool Same(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        for (var i = 0; i < a.Length; i++)
            if (MathF.Abs(a[i] - b[i]) > Tolerance * (1 + MathF.Abs(b[i]))) return false;
        return true;
    }
}
