using System.Text.Json;
using Vla.Abstractions;
using CliRunner = Vla.Cli.Tests.Commands.Cli;

namespace Vla.Cli.Tests.Bench;

/// <summary>`vla bench --quick` end to end on a tiny recipe: every headline number is there and sane. No timing
/// assertions: which engine or decoder is faster depends on the machine and its load.</summary>
public class BenchCommandTests
{
    private static readonly string[] Required =
    [
        "pd_ac_vs_ar_actions_per_s_ratio", "ort_vs_torchsharp_speedup", "actions_per_s_ort", "p99_chunk_latency_ms",
        "mfu_train", "peak_rss_mb", "loader_samples_per_s", "train_samples_per_s", "loader_vs_train_ratio",
    ];

    [Fact]
    public void Quick_bench_prints_every_headline_number_and_explains_the_ratio_from_its_parts()
    {
        var root = CliRunner.TempFolder("bench");
        var recipe = Path.Combine(root, "tiny.json");
        File.WriteAllText(recipe, TinyRecipe().ToJson());
        var output = Path.Combine(root, "out");

        var r = CliRunner.Run("bench", "--quick", "--json", "--recipe", recipe, "--out", output);
        try
        {
            Check(r, output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Check(CliRunner.Result r, string output)
    {
        r.ExitCode.Should().Be(0, r.Error);
        var json = r.Json;
        foreach (var key in Required)
        {
            json.TryGetProperty(key, out var value).Should().BeTrue($"'{key}' is a required key");
            value.ValueKind.Should().Be(JsonValueKind.Number, key);
            var number = value.GetDouble();
            double.IsFinite(number).Should().BeTrue(key);
            number.Should().BePositive(key);
        }
        // Both policies x both engines x 2 thread counts x 2 batch sizes.
        json.GetProperty("runs").GetArrayLength().Should().Be(16);
        json.GetProperty("cost_models").GetArrayLength().Should().Be(4, "torch and ort at 1 and 2 threads");
        foreach (var cost in json.GetProperty("cost_models").EnumerateArray())
        {
            var (k, d, n) = (cost.GetProperty("k").GetInt32(), cost.GetProperty("d").GetInt32(), cost.GetProperty("decode_steps").GetInt32());
            var expected = (cost.GetProperty("t_prefix_ms").GetDouble() + n * cost.GetProperty("t_decode_step_ms").GetDouble())
                           / (cost.GetProperty("t_chunk_ms").GetDouble() / k);
            cost.GetProperty("ratio").GetDouble().Should().BeApproximately(expected, 1e-9 * expected);
            k.Should().Be(2);
            d.Should().Be(3);
            // TorchSharp parts stop before the start token (D steps); ONNX Runtime's prefill yields the first token.
            n.Should().Be(cost.GetProperty("engine").GetString() == "ort" ? d - 1 : d);
        }
        File.Exists(Path.Combine(output, "bench.json")).Should().BeTrue();
        File.ReadAllText(Path.Combine(output, "bench.md")).Should().Contain("| policy | engine |").And.Contain("MFU").And.Contain("streaming loader")
            .And.Contain("where a step's time goes");
        var block = json.GetProperty("block_profile");
        foreach (var key in new[] { "block_ms", "linears_ms", "attention_ms", "attention_written_out_ms" })
            block.GetProperty(key).GetDouble().Should().BePositive(key);
        block.GetProperty("width").GetInt32().Should().Be(16, "the recipe's backbone width");
        // The peak is taken before the training timing (square shape) and after it (square and MLP shapes), 1 and 2 threads.
        var matmuls = json.GetProperty("matmuls").EnumerateArray().Select(m => m.GetProperty("when").GetString()).ToList();
        matmuls.Should().Equal("before training", "before training", "after training", "after training", "after training", "after training");
        json.GetProperty("matmul_peak_gflops").GetDouble().Should().Be(json.GetProperty("matmuls").EnumerateArray().Max(m => m.GetProperty("gflops").GetDouble()));
        json.GetProperty("loader").GetProperty("samples").GetInt32().Should().Be(2 * 4, "2 batches of the recipe's batch size");
        // The calibration shape's training, beside the recipe's: same code, ENVIRONMENT.md's larger model.
        json.GetProperty("mfu_train_reference_shape").GetDouble().Should().BePositive();
        json.GetProperty("reference_shape").GetProperty("parameters").GetInt64().Should()
            .BeGreaterThan(json.GetProperty("training")[0].GetProperty("parameters").GetInt64());
        File.ReadAllText(Path.Combine(output, "bench.md")).Should().Contain("calibration shape");
    }

    [Fact]
    public void An_unknown_recipe_is_a_clear_error()
    {
        var r = CliRunner.Run("bench", "--quick", "--recipe", "/nonexistent/recipe.json");
        r.ExitCode.Should().Be(2);
        r.Error.Should().StartWith("error:").And.NotContain("   at ");
    }

    private static Recipe TinyRecipe() => new()
    {
        Name = "tiny-bench",
        Chunk = 2,
        ActionDim = 3,
        ProprioDim = 2,
        Cameras = ["agentview", "eye_in_hand"],
        ImageSize = 16,
        MaxInstructionTokens = 6,
        Vision = new VisionSpec { Kind = "vit", Width = 16, Depth = 1, Heads = 2, PatchSize = 8 },
        Backbone = new BackboneSpec { Width = 16, Depth = 1, Heads = 2, MlpRatio = 2 },
        Normalization = new NormalizationSpec { UnnormalizedActionDims = [2] },
        Training = new TrainingSpec { Steps = 2, BatchSize = 4, WarmupSteps = 0, ValidateEvery = 1, CheckpointEvery = 100 },
    };
}
