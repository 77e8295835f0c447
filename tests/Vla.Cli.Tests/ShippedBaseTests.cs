using System.Text.Json;
using TorchSharp;
using Vla.Abstractions;
using Vla.Cli.Pretrain;
using Vla.Core.Model;
using Vla.Core.Plugins;
using Vla.Core.Training;

namespace Vla.Cli.Tests;

/// <summary>The base checkpoint the repository ships (models/base): its files are the recorded ones, and it loads.</summary>
public class ShippedBaseTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, ShippedBase.RelativePath);

    [Fact]
    public void Every_shipped_file_has_its_recorded_sha256_and_the_weights_fit_the_budget()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, BaseShipping.ManifestFile)));
        var hashes = manifest.RootElement.GetProperty("sha256").EnumerateObject().ToList();
        hashes.Select(h => h.Name).Should().Contain(["checkpoints/latest/model.safetensors", "recipe.json", "tokenizer.json", "provenance.json"]);
        foreach (var h in hashes) FileSha256.Of(Path.Combine(Folder, h.Name)).Should().Be(h.Value.GetString(), h.Name);
        new FileInfo(Path.Combine(Folder, "checkpoints", "latest", "model.safetensors")).Length.Should().BeLessThanOrEqualTo(BaseShipping.MaxModelBytes);
    }

    [Fact]
    public void The_provenance_holds_the_command_seed_data_hash_and_commit()
    {
        using var provenance = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, PretrainProvenance.FileName)));
        var latest = provenance.RootElement.GetProperty("latest");
        latest.GetProperty("command").GetString().Should().StartWith("vla pretrain");
        latest.GetProperty("data_manifest_sha256").GetString().Should().HaveLength(64);
        latest.GetProperty("git_commit").GetString().Should().HaveLength(40);
        latest.GetProperty("tasks_count").GetInt32().Should().BePositive();
    }

    [Fact]
    public void The_default_recipe_fine_tunes_from_it_loading_the_vision_encoder_and_backbone()
    {
        using var catalog = PartCatalog.Load();
        var recipe = Recipe.FromFile(Path.Combine(RepoPaths.Root, "recipes", "oft-plus.json"));
        var baseRun = BaseRun.Open(Folder, recipe);
        var tokenizer = baseRun.ExtendTokenizer(["put the red cube on the plate"], recipe.MaxInstructionTokens);
        torch.manual_seed(1);
        using var model = new VlaPolicyModel(recipe, PolicyParts.Resolve(recipe, catalog), tokenizer.VocabularySize);
        var init = baseRun.Initialise(model, tokenizer.VocabularySize);
        init.Loaded.Should().Contain(k => k.StartsWith("vision.")).And.Contain(k => k.StartsWith("backbone.blocks."))
            .And.Contain(k => k.StartsWith("conditioning.")).And.Contain(k => k.StartsWith("pointing."), "stage 4 pretrained the pointing head the readout reads")
            .And.Contain(k => k.StartsWith("pointing.state_queries."), "stage 5 pretrained the scene-aware pointing queries")
            .And.Contain(k => k.StartsWith("ordered_instruction."), "stage 5 pretrained the word-order summary");
        model.parameters().Should().OnlyContain(p => p.isfinite().all().item<bool>());
    }
}
