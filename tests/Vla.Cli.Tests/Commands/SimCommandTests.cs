using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Vla.Cli.Tests.Commands;

public class SimCommandTests
{
    [Fact]
    public void Sim_tasks_lists_four_suites_with_instructions()
    {
        var r = Cli.Run("sim", "tasks", "--json");
        r.ExitCode.Should().Be(0, r.Error);
        var suites = r.Json.GetProperty("suites").EnumerateArray().ToList();
        suites.Select(s => s.GetProperty("name").GetString()).Should().Equal("spatial", "object", "goal", "long");
        foreach (var suite in suites)
        {
            var tasks = suite.GetProperty("tasks").EnumerateArray().ToList();
            tasks.Should().HaveCountGreaterThanOrEqualTo(5);
            tasks.Should().OnlyContain(t => t.GetProperty("instruction").GetString()!.Length > 10 && t.GetProperty("max_steps").GetInt32() > 0);
        }
    }

    [Fact]
    public void Sim_render_writes_the_same_non_black_frame_for_the_same_seed()
    {
        var dir = Cli.TempFolder("render");
        string Render(string name, int seed)
        {
            var path = Path.Combine(dir, name);
            var r = Cli.Run("sim", "render", "--task", "put_red_cube_plate", "--seed", seed.ToString(), "--size", "64", "--out", path, "--json");
            r.ExitCode.Should().Be(0, r.Error);
            r.Json.GetProperty("suite").GetString().Should().Be("goal");
            return path;
        }
        var a = Render("a.png", 3);
        var b = Render("b.png", 3);
        var c = Render("c.png", 4);
        File.ReadAllBytes(a).Should().Equal(File.ReadAllBytes(b));
        File.ReadAllBytes(a).Should().NotEqual(File.ReadAllBytes(c));
        using var image = Image.Load<Rgb24>(a);
        image.Width.Should().Be(128);
        var bright = 0;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
                foreach (var p in rows.GetRowSpan(y))
                    if (p.R + p.G + p.B > 60) bright++;
        });
        bright.Should().BeGreaterThan(image.Width * image.Height / 2);
    }

    [Theory]
    [InlineData(new[] { "sim", "render", "--task", "no_such_task" }, "no suite has a task 'no_such_task'")]
    [InlineData(new[] { "sim", "tasks", "--suite", "kitchen" }, "unknown suite 'kitchen'")]
    [InlineData(new[] { "demos", "--suite", "kitchen", "--out", "/tmp/x" }, "valid suites: spatial, object, goal, long")]
    [InlineData(new[] { "demos", "--suite", "goal", "--task", "fly", "--out", "/tmp/x" }, "Valid task names: put_red_cube_plate")]
    public void Unknown_names_list_the_valid_ones(string[] args, string expected)
    {
        var r = Cli.Run(args);
        r.ExitCode.Should().Be(2);
        r.Error.Should().Contain(expected).And.StartWith("error:").And.NotContain("   at ");
    }
}
