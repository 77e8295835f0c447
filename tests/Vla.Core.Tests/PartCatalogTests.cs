using Vla.Abstractions;
using Vla.Core.Plugins;

namespace Vla.Core.Tests;

public class PartCatalogTests
{
    [Fact]
    public void Built_in_parts_load_as_plugins()
    {
        using var catalog = PartCatalog.Load();
        catalog.Errors.Should().BeEmpty();
        catalog.Names(PartKind.Decoder).Should().BeEquivalentTo("autoregressive", "parallel");
        catalog.Names(PartKind.Head).Should().BeEquivalentTo("discrete-tokens", "l1-regression", "diffusion");
        catalog.Names(PartKind.Conditioning).Should().BeEquivalentTo("film", "none");
    }

    [Fact]
    public void A_broken_plugin_is_reported_and_the_others_still_work()
    {
        var folder = Directory.CreateTempSubdirectory("vla-plugins-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "Broken"));
        File.WriteAllText(Path.Combine(folder, "Broken", "Broken.dll"), "not an assembly");
        using var catalog = PartCatalog.Load([PluginFolders.BuiltIn, folder]);
        catalog.Errors.Should().ContainSingle(e => e.Plugin == "Broken").Which.Reason.Should().Contain("not a .NET assembly");
        catalog.Names(PartKind.Head).Should().Contain("l1-regression");
    }

    [Fact]
    public void An_unknown_part_lists_the_valid_names()
    {
        using var catalog = PartCatalog.Load();
        var act = () => catalog.Head("l2-regression");
        act.Should().Throw<RecipeException>().Where(e => e.Field == "head" && e.Hint!.Contains("l1-regression")
                                                         && e.Hint.Contains("diffusion") && e.Hint.Contains("discrete-tokens"));
    }
}
