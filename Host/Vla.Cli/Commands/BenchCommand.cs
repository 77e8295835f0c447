using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vla.Cli.Bench;

namespace Vla.Cli.Commands;

/// <summary>`vla bench`: inference and training throughput of a recipe, side by side with its autoregressive baseline.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var recipe = new Option<string>("--recipe") { Description = "recipe name (see `vla recipes`) or path to a .json file", DefaultValueFactory = _ => "oft" };
        var quick = new Option<bool>("--quick") { Description = "few iterations (smoke tests); numbers are not meaningful" };
        var output = new Option<string?>("--out") { Description = "folder to write bench.json and bench.md into" };
        var json = CommonOptions.Json();
        var plugins = CommonOptions.Plugins();
        var command = new Command("bench", """
            measure, in one run on this machine: actions/s and chunk latency (p50, p99) at batch 1 and 8 of the recipe
            (parallel decoding + chunking) and of its autoregressive baseline (same vision encoder and backbone, KV cache,
            discrete tokens, one query per action step), on TorchSharp eager and ONNX Runtime at 1 and 2 threads; the cost
            model (t_prefix + D * t_decode_step) / (t_chunk / K) from timed parts; training steps/s and model-FLOP
            utilisation against the measured fp32 matmul peak (training with the default allocator, then with glibc
            keeping freed memory), and beside it the same training at a larger calibration shape (ViT 4x192 at 128 px,
            backbone 4x256, ~5.9M parameters: how much of the gap to the peak is the model's size); peak memory and
            load average. Headline ratios take each side at its best engine and
            thread count; configurations are timed in interleaved rounds so load from other work hits them alike.
            Policies are built with random weights in a temp folder (no training run needed).
            Micro-benchmarks of the hot paths (attention, heads, pre-processing) use BenchmarkDotNet:
              dotnet run -c Release --project bench/Vla.Benchmarks -- --filter '*'
            example: vla bench --recipe oft --json --out /tmp/bench-oft
            """) { recipe, quick, output, json, plugins };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            var r = RecipeFiles.Load(parse.GetValue(recipe)!);
            using var catalog = CommonOptions.LoadCatalog(parse.GetValue(plugins));
            var settings = parse.GetValue(quick) ? BenchSettings.Quick : BenchSettings.Full;
            var result = BenchRunner.Run(r, catalog, settings, new LineProgress(Console.Error));
            var markdown = BenchReport.Markdown(result);
            var summary = BenchJson.Create(result);
            if (parse.GetValue(output) is { } folder)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "bench.md"), markdown);
                File.WriteAllText(Path.Combine(folder, "bench.json"), JsonSerializer.Serialize(summary, FileOptions));
            }
            if (parse.GetValue(json)) JsonOutput.Write(summary);
            else Console.Write(markdown);
            return 0;
        }));
        return command;
    }

    private static readonly JsonSerializerOptions FileOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "+" in formulas stays readable
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
