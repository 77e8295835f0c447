using Vla.Abstractions;
using Vla.Core.Inference;
using Vla.Core.Plugins;

namespace Vla.Onnx.Tests;

/// <summary>What the ONNX engine says about missing or damaged exports, and that an export is self-contained.</summary>
public sealed class ExportFolderTests : IDisposable
{
    private readonly PartCatalog _catalog = PartCatalog.Load();

    [Fact]
    public void A_run_without_an_export_names_the_missing_file_and_the_command()
    {
        var run = TestRuns.Create(TestRuns.Tiny("oft"), _catalog);
        var act = () => OrtPolicy.Load(run);
        act.Should().Throw<VlaException>().Where(e => e.Message.Contains("policy.onnx") && e.Hint!.Contains("vla export"));
    }

    [Fact]
    public void A_missing_folder_is_a_clear_error()
    {
        var act = () => OrtPolicy.Load(Path.Combine(Path.GetTempPath(), $"no-such-run-{Guid.NewGuid():N}"));
        act.Should().Throw<VlaException>().WithMessage("*does not exist*");
    }

    [Fact]
    public void A_damaged_graph_asks_for_a_new_export()
    {
        var run = TestRuns.Create(TestRuns.Tiny("oft"), _catalog);
        var export = PolicyExporter.Export(run, _catalog);
        File.WriteAllBytes(export.Policy, [1, 2, 3, 4]);
        var act = () => OrtPolicy.Load(run);
        act.Should().Throw<VlaException>().Where(e => e.Message.Contains("cannot load") && e.Hint!.Contains("re-export"));
    }

    [Fact]
    public void A_missing_companion_graph_is_named()
    {
        var run = TestRuns.Create(TestRuns.Tiny("oft-diffusion"), _catalog);
        var export = PolicyExporter.Export(run, _catalog);
        export.Files.Select(Path.GetFileName).Should().BeEquivalentTo("policy.onnx", "denoise.onnx", "finish.onnx");
        File.Delete(Path.Combine(export.Folder, "denoise.onnx"));
        var act = () => OrtPolicy.Load(run);
        act.Should().Throw<VlaException>().WithMessage("*denoise.onnx*missing*");
    }

    [Fact]
    public void An_unknown_engine_lists_the_valid_ones()
    {
        var act = () => PolicyEngine.Load("tensorrt", "unused", _catalog);
        act.Should().Throw<VlaException>().Where(e => e.Hint!.Contains("torch") && e.Hint.Contains("ort"));
    }

    [Fact]
    public void The_export_folder_alone_is_a_policy_statistics_and_tokenizer_travel_inside()
    {
        var recipe = TestRuns.Tiny("oft");
        var run = TestRuns.Create(recipe, _catalog);
        var export = PolicyExporter.Export(run, _catalog);
        var moved = Path.Combine(Directory.CreateTempSubdirectory("vla-onnx-moved-").FullName, "policy");
        Directory.Move(export.Folder, moved);
        Directory.Delete(run, recursive: true);
        using var ort = OrtPolicy.Load(moved);
        ort.Recipe.Should().BeEquivalentTo(recipe);
        ort.Predict(TestRuns.Observations(recipe, 2)).Should().HaveCount(2)
            .And.OnlyContain(c => c.Values.All(float.IsFinite));
    }

    public void Dispose() => _catalog.Dispose();
}
