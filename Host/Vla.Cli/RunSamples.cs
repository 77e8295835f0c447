using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Core.Training;
using Vla.Data;
using Vla.Onnx;

namespace Vla.Cli;

/// <summary>
/// Observations of the data a run was trained on (its recorded data source), for comparing engines after export:
/// synthetic runs get synthetic scenes from unseen seeds, dataset runs get frames spread over one of its files.
/// </summary>
internal static class RunSamples
{
    /// <summary>The image size `vla demos` recorded the run's data at (from its `*_demo.json` manifests), so closed-loop
    /// evaluation renders what training saw; null when the data did not come from the simulator.</summary>
    public static int? DemoImageSize(string runDir)
    {
        var folder = new RunFolder(runDir).ReadDataSources().FirstOrDefault();
        if (folder is null || !Directory.Exists(folder)) return null;
        foreach (var manifest in Directory.GetFiles(folder, "*_demo.json"))
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
                if (json.RootElement.TryGetProperty("ImageSize", out var size)) return size.GetInt32();
            }
            catch (System.Text.Json.JsonException)
            {
                // not a demo manifest: keep looking
            }
        }
        return null;
    }

    public static IReadOnlyList<Observation> For(string runDir, Recipe recipe, int count)
    {
        var source = new RunFolder(runDir).ReadDataSources().FirstOrDefault();
        if (source is null or "synthetic") return HeldOutSamples.Synthetic(recipe, count);
        if (!Directory.Exists(source) && !File.Exists(source))
            throw new VlaException($"the run's data '{source}' is gone", "compare engines on your own observations with OrtPolicy and VlaPolicy");
        var file = File.Exists(source) ? source : Directory.GetFiles(source, "*.hdf5").Order(StringComparer.Ordinal).First();
        // Runs trained directly on an ALOHA folder have ALOHA files here: read each with its format's reader.
        var episodes = DatasetReader.Read(file, DatasetFormats.Detect(file), new DatasetReadOptions(recipe.Cameras, ImageSize: recipe.ImageSize));
        var frames = episodes.SelectMany(e => Enumerable.Range(0, e.Length).Select(t => (e, t))).ToList();
        return Enumerable.Range(0, Math.Min(count, frames.Count)).Select(i =>
        {
            var (e, t) = frames[(int)((long)i * frames.Count / Math.Min(count, frames.Count))];
            var images = recipe.Cameras.Select(c => new CameraImage(c, e.Height, e.Width, e.Frames[c][t])).ToList();
            return new Observation(images, e.Instruction, e.Proprio[t]);
        }).ToList();
    }
}
