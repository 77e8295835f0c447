using System.Text.Json;
using Vla.Abstractions;
using Vla.Core.Training;

namespace Vla.Cli.Tests.Commands;

/// <summary>`vla pretrain` (generated held-out tasks -> base run with provenance, resumable) and `vla train --base`.</summary>
public class PretrainCommandTests
{
    [Fact]
    public void Pretrain_records_provenance_resumes_and_a_recipe_fine_tunes_from_it()
    {
        var root = Cli.TempFolder("pretrain");
        var demos = Path.Combine(root, "demos");
        var run = Path.Combine(root, "base");
        var baseRecipe = Write(root, "base.json", Tiny("base"));
        string[] Pretrain(int steps, params string[] extra) =>
        [
            "pretrain", "--recipe", baseRecipe, "--tasks-count", "3", "--episodes-per-task", "2", "--steps", steps.ToString(),
            "--demos", demos, "--out", run, "--workers", "1", "--json", .. extra,
        ];

        var stopped = Cli.Run(Pretrain(4, "--stop-after", "2"));
        stopped.ExitCode.Should().Be(0, stopped.Error);
        stopped.Json.GetProperty("steps").GetInt32().Should().Be(2, "--stop-after checkpoints and stops early");
        var again = Cli.Run(Pretrain(4, "--stop-after", "2", "--resume"));
        again.Json.GetProperty("steps").GetInt32().Should().Be(2, "already at the stop step: nothing to train");
        again.Json.GetProperty("final_loss").ValueKind.Should().Be(JsonValueKind.Null, "no step, so no loss (not \"NaN\")");
        var first = Cli.Run(Pretrain(4, "--resume"));
        first.ExitCode.Should().Be(0, first.Error);
        first.Json.GetProperty("start_step").GetInt32().Should().Be(2);
        first.Json.GetProperty("episodes").GetInt32().Should().Be(6);
        Directory.GetFiles(demos, "*.hdf5").Should().HaveCount(3).And.OnlyContain(f => Path.GetFileName(f).StartsWith("pt000"));
        var shipped = Path.Combine(root, "models", "base");
        var resumed = Cli.Run(Pretrain(6, "--resume", "--ship", shipped));
        resumed.ExitCode.Should().Be(0, resumed.Error);
        resumed.Json.GetProperty("start_step").GetInt32().Should().Be(4);

        using var provenance = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "provenance.json")));
        var latest = provenance.RootElement.GetProperty("latest");
        latest.GetProperty("command").GetString().Should().Contain("--resume");
        latest.GetProperty("steps").GetInt32().Should().Be(6);
        latest.GetProperty("seed").GetInt32().Should().Be(0);
        latest.GetProperty("targets_per_scene").GetInt32().Should().Be(3, "sibling scenes by default, as the shipped base");
        latest.GetProperty("data_manifest_sha256").GetString().Should().HaveLength(64)
            .And.Be(first.Json.GetProperty("data_manifest_sha256").GetString(), "the same cached files");
        latest.GetProperty("data_files").GetArrayLength().Should().Be(3);
        latest.GetProperty("wall_seconds").GetDouble().Should().BeGreaterThan(0);
        var sessions = provenance.RootElement.GetProperty("sessions").EnumerateArray().ToList();
        sessions.Select(s => (s.GetProperty("start_step").GetInt32(), s.GetProperty("steps").GetInt32()))
            .Should().Equal((0, 2), (2, 2), (2, 4), (4, 6));
        sessions.Should().OnlyContain(s => s.GetProperty("status").GetString() == "completed");

        // The shipped copy: weights without optimiser state, every file hashed in shipped.json, usable as a base.
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(shipped, "shipped.json")));
        manifest.RootElement.GetProperty("step").GetInt32().Should().Be(6);
        foreach (var entry in manifest.RootElement.GetProperty("sha256").EnumerateObject())
            Vla.Cli.Pretrain.FileSha256.Of(Path.Combine(shipped, entry.Name)).Should().Be(entry.Value.GetString(), entry.Name);
        File.Exists(Path.Combine(shipped, "checkpoints", "latest", "optimizer.safetensors")).Should().BeFalse();
        File.Exists(Path.Combine(shipped, "plots", "loss.png")).Should().BeTrue();

        // The base in closed loop on the family its provenance.json records, then on a task past it (never trained on).
        string[] Eval(params string[] extra) =>
            ["eval", "--run", shipped, "--suite", "pretrain", "--trials-per-task", "1", "--workers", "1", "--gifs-per-task", "0", "--json", .. extra];
        var own = Cli.Run(Eval());
        own.ExitCode.Should().Be(0, own.Error);
        var family = Vla.Sim.SimCatalog.PretrainTasks(4, seed: 0, targetsPerScene: 3).Select(t => $"pretrain/{t.Name}").ToList();
        own.Json.GetProperty("per_task").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(family.Take(3));
        File.ReadAllText(Path.Combine(shipped, "eval", "pretrain", "success_pretrain.md")).Should().Contain(family[0]["pretrain/".Length..]);
        var unseen = Cli.Run(Eval("--first-task", "3", "--tasks-count", "4"));
        unseen.ExitCode.Should().Be(0, unseen.Error);
        unseen.Json.GetProperty("per_task").EnumerateObject().Select(p => p.Name).Should().Equal(family[3]);
        var empty = Cli.Run(Eval("--first-task", "4", "--tasks-count", "4"));
        empty.ExitCode.Should().Be(2);
        empty.Error.Should().Contain("--first-task 4").And.NotContain("   at ");

        var fineTune = Write(root, "ft.json", Tiny("oft-plus"));
        var ft = Path.Combine(root, "ft");
        var train = Cli.Run("train", "--recipe", fineTune, "--data", demos, "--base", shipped, "--steps", "2", "--out", ft, "--json");
        train.ExitCode.Should().Be(0, train.Error);
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(ft, "base.json")));
        record.RootElement.GetProperty("base_run").GetString().Should().Be(Path.GetFullPath(shipped));
        record.RootElement.GetProperty("loaded_count").GetInt32().Should().BeGreaterThan(10);

        var mismatch = Cli.Run("train", "--recipe", Write(root, "wide.json", Tiny("oft") with { Backbone = new BackboneSpec { Width = 48, Depth = 1, Heads = 2, MlpRatio = 2 } }),
            "--data", demos, "--base", run, "--steps", "2", "--out", Path.Combine(root, "wide"));
        mismatch.ExitCode.Should().Be(2);
        mismatch.Error.Should().Contain("backbone.width").And.NotContain("   at ");
    }

    [Fact]
    public void A_second_stage_continues_from_the_first_ones_weights_on_recovery_demonstrations_and_records_it()
    {
        var root = Cli.TempFolder("pretrain-stage2");
        var recipe = Write(root, "base.json", Tiny("base"));
        string[] Pretrain(string demos, string run, params string[] extra) =>
        [
            "pretrain", "--recipe", recipe, "--tasks-count", "2", "--episodes-per-task", "2", "--steps", "2",
            "--demos", Path.Combine(root, demos), "--out", Path.Combine(root, run), "--workers", "1", "--json", .. extra,
        ];
        var first = Cli.Run(Pretrain("d1", "stage1"));
        first.ExitCode.Should().Be(0, first.Error);
        var shipped = Path.Combine(root, "shipped");
        var second = Cli.Run(Pretrain("d2", "stage2", "--base", Path.Combine(root, "stage1"), "--retry-fraction", "0.5", "--ship", shipped));
        second.ExitCode.Should().Be(0, second.Error);

        var weights = Path.Combine(root, "stage1", "checkpoints", "latest", "model.safetensors");
        using var provenance = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "stage2", "provenance.json")));
        var latest = provenance.RootElement.GetProperty("latest");
        latest.GetProperty("retry_fraction").GetDouble().Should().Be(0.5);
        latest.GetProperty("base").GetProperty("model_sha256").GetString().Should().Be(Vla.Cli.Pretrain.FileSha256.Of(weights));
        latest.GetProperty("base").GetProperty("step").GetInt32().Should().Be(2);
        // The "running" record written before training (base.json does not exist yet) names the same base, so a killed
        // first session still says what it continued from.
        Vla.Cli.Pretrain.PretrainProvenance.BaseSource.Of(new RunFolder(Path.Combine(root, "not-trained")), Path.Combine(root, "stage1"))
            .Should().BeEquivalentTo(new { ModelSha256 = Vla.Cli.Pretrain.FileSha256.Of(weights), Step = 2 });
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(shipped, "base.json")));
        record.RootElement.GetProperty("skipped_count").GetInt32().Should().Be(0, "the same recipe: every tensor continues");
        using var firstProvenance = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "stage1", "provenance.json")));
        firstProvenance.RootElement.GetProperty("latest").GetProperty("base").ValueKind.Should().Be(JsonValueKind.Null);

        // Streaming the same cache's frames instead of holding them gives the same weights.
        var streamed = Cli.Run(Pretrain("d1", "stage1-streamed", "--stream", "--cache-mb", "1"));
        streamed.ExitCode.Should().Be(0, streamed.Error);
        streamed.Error.Should().Contain("frames streamed");
        File.ReadAllBytes(Path.Combine(root, "stage1-streamed", "checkpoints", "latest", "model.safetensors")).Should()
            .Equal(File.ReadAllBytes(weights));

        var resumed = Cli.Run(Pretrain("d2", "stage2", "--base", Path.Combine(root, "stage1"), "--retry-fraction", "0.5", "--resume"));
        resumed.ExitCode.Should().Be(0, resumed.Error);
        resumed.Error.Should().Contain("--base is not used when resuming");

        var bad = Cli.Run("pretrain", "--retry-fraction", "1.5", "--out", Path.Combine(root, "bad"));
        bad.ExitCode.Should().Be(2);
        bad.Error.Should().Contain("--retry-fraction 1.5").And.NotContain("   at ");
    }

    [Fact]
    public void Demos_of_the_pretrain_family_but_all_still_means_the_evaluation_suites()
    {
        var dir = Cli.TempFolder("pretrain-demos");
        var r = Cli.Run("demos", "--suite", "pretrain", "--tasks-count", "2", "--episodes-per-task", "1", "--image-size", "32",
            "--workers", "1", "--out", dir, "--json");
        r.ExitCode.Should().Be(0, r.Error);
        r.Json.GetProperty("files").GetArrayLength().Should().Be(2);
        r.Json.GetProperty("expert_success_rate").GetDouble().Should().BeGreaterThan(0.9);
        var eval = Cli.Run("eval", "--run", "/nonexistent/run", "--suite", "pretrain,goal");
        eval.ExitCode.Should().Be(2, "a base is evaluated on its pretraining family in a call of its own");
        eval.Error.Should().Contain("cannot be combined");
    }

    [Fact]
    public void Sibling_scenes_are_recorded_in_their_own_cache_and_a_bad_count_is_refused()
    {
        var root = Cli.TempFolder("pretrain-siblings");
        var r = Cli.Run("demos", "--suite", "pretrain", "--tasks-count", "3", "--targets-per-scene", "3", "--episodes-per-task", "1",
            "--image-size", "32", "--workers", "1", "--out", Path.Combine(root, "demos"), "--json");
        r.ExitCode.Should().Be(0, r.Error);
        var names = r.Json.GetProperty("files").EnumerateArray().Select(f => Path.GetFileName(f.GetString()!)).ToList();
        names.Should().Equal(Vla.Sim.SimCatalog.PretrainTasks(3, 0, 3).Select(t => t.Name + "_demo.hdf5"));

        var bad = Cli.Run("pretrain", "--targets-per-scene", "0", "--out", Path.Combine(root, "base"));
        bad.ExitCode.Should().Be(2);
        bad.Error.Should().Contain("--targets-per-scene 0").And.NotContain("   at ");
    }

    [Fact]
    public void Every_pretraining_and_evaluation_instruction_fits_the_base_recipes_token_budget()
    {
        // Truncation would silently drop the end of an instruction (the second goal of a two-stage task).
        var budget = Recipe.FromFile(Path.Combine(RepoRoot, "recipes", "base.json")).MaxInstructionTokens;
        var instructions = Vla.Sim.SimCatalog.Suites.SelectMany(s => Vla.Sim.SimCatalog.Tasks(s))
            .Concat(Vla.Sim.SimCatalog.PretrainTasks(500)).Concat(Vla.Sim.SimCatalog.PretrainTasks(500, 0, 3)).Select(t => t.Instruction).ToList();
        var tokenizer = Vla.Core.Text.InstructionTokenizer.Fit(instructions, 4 * budget);
        instructions.Should().OnlyContain(i => tokenizer.Encode(i).Mask.Count(m => m) <= budget);
    }

    private static string Write(string folder, string name, Recipe recipe)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, recipe.ToJson());
        return path;
    }

    private static Recipe Tiny(string name) => TinyCliRecipes.Load(name);

    private static string RepoRoot => RepoPaths.Root;
}
