using System.CommandLine;
using Vla.Onnx;

namespace Vla.Cli.Commands;

/// <summary>`vla export`: writes RUN/export/policy.onnx (+ companion graphs) and checks ONNX Runtime against TorchSharp.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "trained run folder", Required = true };
        var samples = new Option<int>("--samples") { Description = "held-out observations to compare the engines on", DefaultValueFactory = _ => 16 };
        var json = CommonOptions.Json();
        var plugins = CommonOptions.Plugins();
        var command = new Command("export", """
            export a trained run to ONNX (opset 20, dynamic batch): RUN/export/policy.onnx, plus denoise.onnx / decode.onnx
            and finish.onnx for diffusion and autoregressive recipes; reports the largest action difference between
            ONNX Runtime and TorchSharp on held-out samples. Predict with it: vla predict --run RUN --engine ort ...
            example: vla export --run runs/oft --json
            """) { run, samples, json, plugins };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            var dir = parse.GetValue(run)!;
            using var catalog = CommonOptions.LoadCatalog(parse.GetValue(plugins));
            var (result, mlnet, diff) = RunExport.Export(dir, catalog, parse.GetValue(samples));
            if (parse.GetValue(json))
                JsonOutput.Write(new { onnx = result.Policy, files = result.Files, loop = result.Loop, max_abs_diff = diff, mlnet });
            else
            {
                foreach (var file in mlnet is null ? result.Files : result.Files.Append(mlnet))
                    Console.WriteLine($"wrote {file} ({new FileInfo(file).Length / 1024.0:F0} KiB)");
                Console.WriteLine(diff is null ? "not compared" : $"max |ort - torch| over held-out samples: {diff:E2}");
            }
            return 0;
        }));
        return command;
    }
}
