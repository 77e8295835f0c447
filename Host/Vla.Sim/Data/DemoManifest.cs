using System.Text.Json;

namespace Vla.Sim.Data;

/// <summary>
/// A sidecar `<task>_demo.json` written after a task's HDF5 file: what request produced it. A later request with the
/// same episodes, seed, image size, retry, tipped and perturbed fractions reuses the file instead of re-simulating, so `vla run` caches demonstrations
/// and an interrupted generation resumes task by task.
/// </summary>
internal static class DemoManifest
{
    internal sealed record Entry(int Kept, int Attempts, long Frames);

    /// <summary>
    /// What the HDF5 files hold: 2 added obs/goal_offsets, 3 obs/goal_pixels (the default recipe's pointing loss); files of
    /// an older format are generated again.
    /// </summary>
    internal const int CurrentFormat = 3;

    private sealed record Stored(int EpisodesPerTask, int Seed, int ImageSize, int Kept, int Attempts, long Frames, double RetryFraction = 0,
        int Format = 1, double TippedFraction = 0, double PerturbedFraction = 0);

    private static string PathFor(string hdf5) => Path.ChangeExtension(hdf5, ".json");

    internal static Entry? TryReuse(string hdf5, DemoRequest request)
    {
        var manifest = PathFor(hdf5);
        if (!File.Exists(hdf5) || !File.Exists(manifest)) return null;
        try
        {
            var s = JsonSerializer.Deserialize<Stored>(File.ReadAllText(manifest));
            return s is not null && s.EpisodesPerTask == request.EpisodesPerTask && s.Seed == request.Seed && s.ImageSize == request.ImageSize
                   && s.RetryFraction == request.RetryFraction && s.TippedFraction == request.TippedFraction
                   && s.PerturbedFraction == request.PerturbedFraction && s.Format == CurrentFormat
                ? new Entry(s.Kept, s.Attempts, s.Frames)
                : null;
        }
        catch (JsonException)
        {
            return null; // unreadable manifest: regenerate
        }
    }

    internal static void Write(string hdf5, DemoRequest request, Entry entry)
    {
        var manifest = PathFor(hdf5);
        var temp = manifest + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(
            new Stored(request.EpisodesPerTask, request.Seed, request.ImageSize, entry.Kept, entry.Attempts, entry.Frames, request.RetryFraction, CurrentFormat,
                request.TippedFraction, request.PerturbedFraction)));
        File.Move(temp, manifest, overwrite: true);
    }
}
