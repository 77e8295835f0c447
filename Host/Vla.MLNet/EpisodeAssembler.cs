using Vla.Abstractions;
using Vla.Core.Data;

namespace Vla.MLNet;

/// <summary>
/// Turns labelled rows into the core's episodes. The trainer forms a sample's chunk from the episode itself (the next
/// K actions, the last one repeated past the end), so each step's action is the first action of its row's label, and
/// every label is checked to equal the chunk the trainer will form: a row is never trained on another target.
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
        return groups.Select(g => Build(g, recipe, labelColumn, instructionColumn, episodeColumn)).ToList();
    }

    /// <summary>Without episode ids, a row continues the previous one when it has the same instruction and its chunk is
    /// the previous chunk shifted by one step (as consecutive steps of one episode are labelled).</summary>
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

    private static Episode Build(List<TrainingRow> steps, Recipe recipe, string labelColumn, string instructionColumn, string? episodeColumn)
    {
        var first = steps[0];
        var source = episodeColumn is null
            ? $"rows {first.Row}-{steps[^1].Row}"
            : $"episode '{first.Episode}' (column '{episodeColumn}')";
        if (steps.FirstOrDefault(s => s.Observation.Instruction != first.Observation.Instruction) is { } other)
            throw new VlaException($"{source}: row {other.Row} has another instruction (column '{instructionColumn}') than row {first.Row}",
                "an episode has one instruction: check the episode ids");
        var d = recipe.ActionDim;
        var actions = steps.Select(s => s.Label[..d]).ToArray();
        for (var t = 0; t < steps.Count; t++) CheckLabel(steps, actions, t, recipe, labelColumn, episodeColumn);
        var frames = first.Observation.Images.ToDictionary(i => i.Camera,
            i => steps.Select(s => s.Observation.Images.First(x => x.Camera == i.Camera).Rgb).ToArray());
        var image = first.Observation.Images[0];
        return new Episode(first.Observation.Instruction, image.Height, image.Width, frames,
            steps.Select(s => s.Observation.Proprio).ToArray(), actions, source);
    }

    private static void CheckLabel(List<TrainingRow> steps, float[][] actions, int t, Recipe recipe, string labelColumn, string? episodeColumn)
    {
        var d = recipe.ActionDim;
        for (var j = 1; j < recipe.Chunk; j++)
        {
            var s = Math.Min(t + j, steps.Count - 1);
            if (Same(steps[t].Label.AsSpan(j * d, d), actions[s])) continue;
            var row = steps[t];
            var found = Format(row.Label.AsSpan(j * d, d));
            if (episodeColumn is not null)
                throw new VlaException(
                    $"row {row.Row} (step {t} of episode '{row.Episode}'): its chunk in column '{labelColumn}' does not continue the " +
                    $"episode: action {j} is {found} but step {s}'s action (the first of row {steps[s].Row}'s chunk) is {Format(actions[s])}",
                    "the rows of an episode must be its consecutive steps in order, each labelled with the next K actions and the " +
                    "last action repeated past the episode's end (that is how the trainer forms chunks)");
            throw new VlaException(
                $"row {row.Row}: its chunk in column '{labelColumn}' cannot be trained on as given: without an episode column, rows " +
                $"are joined when their chunks continue each other, and action {j} ({found}) neither continues into the next row " +
                $"nor repeats the last action {Format(actions[s])}",
                $"set EpisodeColumn if the rows are consecutive steps of episodes; independent (observation, chunk) rows need a " +
                "per-sample chunk in Vla.Core's trainer, which it does not accept yet");
        }
    }

    private static bool Same(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        for (var i = 0; i < a.Length; i++)
            if (MathF.Abs(a[i] - b[i]) > Tolerance * (1 + MathF.Abs(b[i]))) return false;
        return true;
    }

    private static string Format(ReadOnlySpan<float> values) =>
        "[" + string.Join(", ", values.ToArray().Select(v => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
