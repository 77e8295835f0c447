using System.Text.Json;
using Vla.Cli.Ablation;

namespace Vla.Cli.Tests.Ablation;

/// <summary>The ablation table and JSON built from recorded metrics, and the paper's expected shape checked honestly.</summary>
public class AblationTableTests
{
    private static readonly string[] Suites = ["spatial", "goal"];

    private static AblationRow Row(int n, string id, double spatial, double goal, double actionsPerSecond, int denoising = 0) =>
        new(n, id, $"row {n}", (spatial + goal) / 2, new Dictionary<string, double> { ["spatial"] = spatial, ["goal"] = goal }, 20,
            actionsPerSecond, 1000 / actionsPerSecond, "ort", 100, 60, 0.05, 1_000_000, denoising);

    private static AblationResult Result(params AblationRow[] rows) =>
        new(rows, [new GroundingRow("oft", "goal", 0.6, 0.1, 10), new GroundingRow("oft-plus", "goal", 0.8, 0.0, 10)], Suites,
            100, 50, 10, "models/base", "vla ablate --steps 100", 600);

    private static readonly AblationResult PaperShaped = Result(
        Row(1, "openvla", 0.2, 0.1, 150), Row(2, "pd-ac-discrete", 0.4, 0.3, 1500), Row(3, "oft-l1-single", 0.7, 0.6, 1800),
        Row(4, "oft-diffusion-single", 0.68, 0.62, 180, denoising: 10), Row(5, "oft", 0.9, 0.8, 1600), Row(6, "oft-plus", 0.95, 0.9, 1500));

    [Fact]
    public void The_table_lists_every_row_with_per_suite_success_and_speed()
    {
        var md = AblationTable.Markdown(PaperShaped);
        md.Should().Contain("| spatial | goal | average | actions/s |");
        md.Should().Contain("| 1 | row 1 | 20.0% | 10.0% | **15.0%** | 150 |");
        md.Should().Contain("| 6 | row 6 | 95.0% | 90.0% | **92.5%** | 1500 |");
        md.Should().Contain("| oft-plus | goal | 80.0% | 0.0% | 10 |");
        md.Should().NotContain("**differs**", "every expectation holds for paper-shaped numbers");
    }

    [Fact]
    public void Where_measurements_break_the_papers_order_the_table_says_so_with_numbers()
    {
        var flipped = Result(Row(1, "openvla", 0.5, 0.5, 150), Row(2, "pd-ac-discrete", 0.1, 0.1, 170), Row(3, "oft-l1-single", 0.7, 0.7, 1800),
            Row(4, "oft-diffusion-single", 0.2, 0.2, 1700, denoising: 10));
        var checks = AblationTable.ShapeChecks(flipped);
        checks.Should().ContainSingle(c => c.Text.StartsWith("success 1 < 2")).Which.Holds.Should().BeFalse();
        checks.Should().ContainSingle(c => c.Text.StartsWith("success 3 ~ 4")).Which.Holds.Should().BeFalse();
        checks.Should().ContainSingle(c => c.Text.StartsWith("actions/s of 2 vs 1")).Which.Text.Should().Contain("1.1x");
        checks.Should().ContainSingle(c => c.Text.StartsWith("L1 vs diffusion")).Which.Holds.Should().BeFalse("1.1x is far from 10 denoising steps");
        AblationTable.Markdown(flipped).Should().Contain("**differs**: success 1 < 2: 50.0% vs 10.0%");
    }

    [Fact]
    public void Json_carries_rows_grounding_and_shape()
    {
        var json = JsonDocument.Parse(JsonSerializer.Serialize(AblationTable.Json(PaperShaped))).RootElement;
        json.GetProperty("rows").GetArrayLength().Should().Be(6);
        var row = json.GetProperty("rows")[4];
        row.GetProperty("id").GetString().Should().Be("oft");
        row.GetProperty("per_suite").GetProperty("goal").GetDouble().Should().Be(0.8);
        row.GetProperty("actions_per_s").GetDouble().Should().Be(1600);
        json.GetProperty("language_grounding")[1].GetProperty("shuffled").GetDouble().Should().Be(0);
        json.GetProperty("shape").EnumerateArray().Should().OnlyContain(c => c.GetProperty("holds").GetBoolean());
    }

    [Fact]
    public void Unknown_variants_are_refused_listing_the_valid_ones()
    {
        var all = AblationVariant.All(name => Vla.Abstractions.Recipe.FromFile(Path.Combine(RepoPaths.Root, "recipes", name + ".json")));
        all.Select(v => v.Row).Should().Equal(1, 2, 3, 4, 5, 6);
        all[3].Recipe.Cameras.Should().Equal(all[2].Recipe.Cameras, "rows 3 and 4 differ in the head only");
        all[3].Recipe.ProprioDim.Should().Be(all[2].Recipe.ProprioDim);
        all.Should().OnlyContain(v => v.Recipe.Training.LocalizationWeight == 0 && v.Recipe.Training.PointingWeight == 0
                                      && !v.Recipe.Vision.PointingReadout,
            "the paper's rows have no auxiliary loss or readout: row 6 differs from row 5 in FiLM alone");
        AblationVariant.Select(all, ["6", "openvla"]).Select(v => v.Row).Should().Equal(6, 1);
        var act = () => AblationVariant.Select(all, ["bogus"]);
        act.Should().Throw<Vla.Abstractions.VlaException>().Which.Hint.Should().Contain("oft-plus");
    }
}
