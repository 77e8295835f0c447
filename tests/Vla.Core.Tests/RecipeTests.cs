using Vla.Abstractions;
using Vla.Core.Model;
using Vla.Core.Plugins;

namespace Vla.Core.Tests;

public class RecipeTests
{
    [Fact]
    public void Every_shipped_recipe_parses_and_its_parts_combine()
    {
        using var catalog = PartCatalog.Load();
        var files = Directory.GetFiles(TinyRecipes.RecipesFolder, "*.json");
        files.Should().HaveCountGreaterThanOrEqualTo(5);
        foreach (var file in files)
        {
            var recipe = Recipe.FromFile(file);
            recipe.Name.Should().Be(Path.GetFileNameWithoutExtension(file));
            PolicyParts.Resolve(recipe, catalog).Should().NotBeNull();
        }
    }

    [Fact]
    public void Autoregressive_with_a_continuous_head_is_refused_naming_the_valid_heads()
    {
        using var catalog = PartCatalog.Load();
        var recipe = new Recipe { Decoder = "autoregressive", Head = "l1-regression" };
        var act = () => PolicyParts.Resolve(recipe, catalog);
        act.Should().Throw<RecipeException>().Where(e => e.Field == "head" && e.Hint!.Contains("discrete-tokens"));
    }

    [Fact]
    public void Bad_json_names_the_position()
    {
        var act = () => Recipe.FromJson("{ \"name\": \"x\", \"chunk\": }", "bad.json");
        act.Should().Throw<RecipeException>().WithMessage("*bad.json*line 1*");
    }

    [Fact]
    public void Unknown_fields_and_bad_values_name_the_field()
    {
        var typo = () => Recipe.FromJson("{ \"chunks\": 8 }", "typo.json");
        typo.Should().Throw<RecipeException>().WithMessage("*chunks*");
        var bad = () => Recipe.FromJson("{ \"backbone\": { \"width\": 100, \"heads\": 3 } }", "heads.json");
        bad.Should().Throw<RecipeException>().Where(e => e.Field == "backbone.heads");
        var gripper = () => Recipe.FromJson("{ \"action_dim\": 4 }", "dims.json");
        gripper.Should().Throw<RecipeException>().Where(e => e.Field == "normalization.unnormalized_action_dims");
        var replan = () => Recipe.FromJson("{ \"chunk\": 8, \"open_loop_steps\": 9 }", "replan.json");
        replan.Should().Throw<RecipeException>().Where(e => e.Field == "open_loop_steps").WithMessage("*[1, chunk = 8]*");
        Recipe.FromJson("{ \"open_loop_steps\": 6 }").OpenLoopSteps.Should().Be(6);
        Recipe.FromJson("{}").ToJson().Should().NotContain("open_loop_steps", "unset, it is left out and old runs read the same");
        var ensemble = () => Recipe.FromJson("{ \"temporal_ensemble\": -0.1 }", "ensemble.json");
        ensemble.Should().Throw<RecipeException>().Where(e => e.Field == "temporal_ensemble").WithMessage("*decay >= 0*");
        Recipe.FromJson("{ \"temporal_ensemble\": 0.01 }").TemporalEnsemble.Should().Be(0.01);
        Recipe.FromJson("{}").ToJson().Should().NotContain("temporal_ensemble");
    }
}
