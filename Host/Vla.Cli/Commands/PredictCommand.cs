using System.CommandLine;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Vla.Abstractions;
using Vla.Core.Data;
using Vla.Onnx;

namespace Vla.Cli.Commands;

/// <summary>`vla predict`: one action chunk from a trained run, for images on disk or a synthetic scene.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "trained run folder", Required = true };
        var images = new Option<string[]>("--image") { Description = "camera=path.png, once per camera the recipe uses", AllowMultipleArgumentsPerToken = true };
        var instruction = new Option<string?>("--instruction") { Description = "the language instruction" };
        var proprio = new Option<string?>("--proprio") { Description = "comma-separated raw proprio values" };
        var synthetic = new Option<int?>("--synthetic-seed") { Description = "predict for a synthetic scene with this seed instead of files" };
        var engine = EngineOption.Create();
        var json = CommonOptions.Json();
        var plugins = CommonOptions.Plugins();
        var command = new Command("predict", """
            predict one action chunk (K x D raw actions).
            example: vla predict --run runs/oft --image agentview=a.png --image eye_in_hand=b.png --instruction "pick up the red block" --proprio 0.5,0.5,1,0,0,0,0.04,-0.04
            with ONNX Runtime: vla export --run runs/oft, then add --engine ort
            """) { run, images, instruction, proprio, synthetic, engine, json, plugins };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            using var catalog = CommonOptions.LoadCatalog(parse.GetValue(plugins));
            using var policy = PolicyEngine.Load(parse.GetValue(engine)!, parse.GetValue(run)!, catalog);
            var observation = parse.GetValue(synthetic) is { } seed
                ? SyntheticShape.Fit(new SyntheticWorld(seed).Observe(policy.Recipe.ImageSize), policy.Recipe)
                : FromFiles(parse.GetValue(images) ?? [], parse.GetValue(instruction), parse.GetValue(proprio), policy.Recipe);
            var chunk = policy.Predict([observation])[0];
            var rows = Enumerable.Range(0, chunk.K).Select(chunk.Step).ToArray();
            if (parse.GetValue(json)) JsonOutput.Write(new { instruction = observation.Instruction, k = chunk.K, d = chunk.D, actions = rows });
            else foreach (var row in rows) Console.WriteLine(string.Join(" ", row.Select(v => v.ToString("F4").PadLeft(8))));
            return 0;
        }));
        return command;
    }

    private static Observation FromFiles(string[] images, string? instruction, string? proprio, Recipe recipe)
    {
        if (string.IsNullOrWhiteSpace(instruction))
            throw new VlaException("--instruction is required", "or use --synthetic-seed N to try a synthetic scene");
        var cameras = images.Select(ParseImage).ToList();
        var values = (proprio ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => float.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var f) ? f
                : throw new VlaException($"--proprio value '{v}' is not a number")).ToArray();
        if (values.Length != recipe.ProprioDim)
            throw new VlaException($"--proprio has {values.Length} values, the policy expects {recipe.ProprioDim}");
        return new Observation(cameras, instruction, values);
    }

    private static CameraImage ParseImage(string spec)
    {
        var parts = spec.Split('=', 2);
        if (parts.Length != 2) throw new VlaException($"--image '{spec}' is not camera=path", "e.g. --image agentview=frame.png");
        if (!File.Exists(parts[1])) throw new VlaException($"image file '{parts[1]}' does not exist");
        try
        {
            using var image = Image.Load<Rgb24>(parts[1]);
            var rgb = new byte[image.Width * image.Height * 3];
            image.CopyPixelDataTo(rgb);
            return new CameraImage(parts[0], image.Height, image.Width, rgb);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException)
        {
            throw new VlaException($"cannot read image '{parts[1]}': {e.Message}", "use PNG or JPEG files");
        }
    }
}
