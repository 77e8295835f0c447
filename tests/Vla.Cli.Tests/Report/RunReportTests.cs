using System.Text.RegularExpressions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Vla.Cli.Report;

namespace Vla.Cli.Tests.Report;

public sealed class RunReportTests : IDisposable
{
    private readonly ReportFixture _run = new();

    public void Dispose() => _run.Dispose();

    private RunReportFiles WriteFullReport()
    {
        _run.WriteMetrics();
        var gifs = Enumerable.Range(0, 6).Select(i => _run.WriteGif($"spatial_t{i}_success.gif"))
            .Concat(Enumerable.Range(0, 2).Select(i => _run.WriteGif($"goal_t{i}_fail.gif"))).ToList();
        return RunReport.Write(_run.Input(gifs));
    }

    [Fact]
    public void Writes_markdown_html_and_two_plots_inside_the_run_folder()
    {
        var files = WriteFullReport();

        files.Markdown.Should().Be(Path.Combine(_run.RunDir, "report.md")).And.Match(p => File.Exists(p));
        files.Html.Should().Be(Path.Combine(_run.RunDir, "report.html")).And.Match(p => File.Exists(p));
        files.Plots.Select(Path.GetFileName).Should().BeEquivalentTo("loss.png", "task_success.png");
        files.Plots.Should().OnlyContain(p => Path.GetDirectoryName(p) == Path.Combine(_run.RunDir, "plots"));
        Directory.EnumerateFiles(_run.RunDir, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty("writes are atomic");
        File.ReadAllText(files.Markdown).Should().Contain("Validation loss on decision frames (each episode's start")
            .And.Contain("another task's instruction give").And.Contain("1.50x the loss with the right one");
        File.ReadAllText(files.Markdown).Should().Contain("| open the top drawer | 0.0% | 5 | wrong object 3, missed grasp 2 |");
        File.ReadAllText(files.Html).Should().Contain("<td>wrong object 3, missed grasp 2</td>");
    }

    [Fact]
    public void Plots_decode_as_png_and_are_not_blank()
    {
        var files = WriteFullReport();

        foreach (var plot in files.Plots)
        {
            Image.DetectFormat(plot).Name.Should().Be("PNG");
            using var image = Image.Load<Rgba32>(plot);
            image.Width.Should().BeGreaterThan(400);
            Luminance(image).Distinct().Count().Should().BeGreaterThan(20, $"{Path.GetFileName(plot)} should show lines, bars and text");
            Variance(Luminance(image)).Should().BeGreaterThan(10);
        }
    }

    [Fact]
    public void Success_table_comes_first_and_its_average_is_the_mean_over_suites()
    {
        var files = WriteFullReport();
        var md = File.ReadAllText(files.Markdown);
        var html = File.ReadAllText(files.Html);

        // mean of 50%, 80%, 20% = 50.0%; pooled would be 23/40 = 57.5%
        md.Should().Contain("| **average** | **50.0%** | 23/40 |");
        Regex.IsMatch(html, @"<tr class=""average""><td>average</td><td class=""num"">50\.0%</td>").Should().BeTrue();
        md.IndexOf("| **average**", StringComparison.Ordinal).Should().BeLessThan(md.IndexOf("](plots/loss.png)", StringComparison.Ordinal));
        html.IndexOf("class=\"average\"", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("data:image/png", StringComparison.Ordinal));
        Sections.All.Select(s => md.IndexOf($"## {s.Title}\n", StringComparison.Ordinal)).Should().NotContain(-1).And.BeInAscendingOrder();
        Sections.All.Select(s => html.IndexOf($"<section id=\"{s.Id}\">", StringComparison.Ordinal)).Should().NotContain(-1).And.BeInAscendingOrder();
    }

    [Fact]
    public void Html_is_self_contained()
    {
        var html = File.ReadAllText(WriteFullReport().Html);

        var links = Regex.Matches(html, @"\b(?:src|href)\s*=\s*[""']([^""']*)[""']", RegexOptions.IgnoreCase).Select(m => m.Groups[1].Value).ToList();
        links.Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith("data:") || l.StartsWith('#'));
        links.Count(l => l.StartsWith("data:image/png;base64,")).Should().Be(2);
        links.Count(l => l.StartsWith("data:image/gif;base64,")).Should().Be(Rollouts.PerKind + 2, "4 of 6 successes and both failures");
        html.Should().NotContainAny("<script", "<link", "@import", "url(", "http://", "https://");
    }

    [Fact]
    public void Markdown_links_plots_and_gifs_relatively()
    {
        var md = File.ReadAllText(WriteFullReport().Markdown);

        md.Should().Contain("](plots/loss.png)").And.Contain("](plots/task_success.png)");
        md.Should().Contain("](eval/gifs/spatial_t0_success.gif)").And.Contain("](eval/gifs/goal_t1_fail.gif)");
        md.Should().Contain("spatial_t4_success.gif").And.NotContain("spatial_t2_success.gif").And.NotContain("spatial_t5_success.gif",
            "at most four of each kind are shown, spread evenly over the list (0, 1, 3, 4 of 6)");
        md.Should().Contain("### Successes (4 of 6)").And.Contain("### Failures (2 of 2)");
        md.Should().NotContain(_run.RunDir, "links are relative so the folder can move");
    }

    [Fact]
    public void Caller_text_is_escaped_in_both_files()
    {
        _run.WriteMetrics(50);
        const string evil = "<script>alert('x')</script>";
        var tasks = new[] { new TaskScore("spatial", $"task {evil}", $"say {evil} | then stop", 0.5, 2) };
        var input = _run.Input(title: $"run {evil}", tasks: tasks, notes: [$"note {evil}"]) with
        {
            Command = $"vla run --out '{evil}'",
            Facts = [($"label {evil}", $"value {evil} `code {evil}`")],
        };

        var files = RunReport.Write(input);
        var html = File.ReadAllText(files.Html);
        var md = File.ReadAllText(files.Markdown);

        html.Should().NotContain("<script").And.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        html.Should().Contain("<code>code &lt;script&gt;");
        // Raw HTML in Markdown is live on most renderers: outside code spans and fences it must be escaped.
        md.Should().StartWith("# run &lt;script&gt;").And.Contain("| label &lt;script&gt;").And.Contain("note &lt;script&gt;");
        md.Should().Contain("say &lt;script&gt;alert('x')&lt;/script&gt; \\| then stop");
        md.Should().Contain("`code <script>alert('x')</script>`", "code spans show their text literally");
    }

    [Fact]
    public void Missing_metrics_no_gifs_and_no_tasks_say_so_instead_of_failing()
    {
        var files = RunReport.Write(_run.Input(gifs: [], tasks: [], suites: [], notes: []));

        files.Plots.Should().BeEmpty();
        foreach (var text in new[] { File.ReadAllText(files.Markdown), File.ReadAllText(files.Html) })
            text.Should().Contain("No training metrics").And.Contain("No per-task results").And.Contain("No evaluation results")
                .And.Contain("No successful rollout was recorded").And.Contain("No failed rollout was recorded");
    }

    [Fact]
    public void Training_without_validation_points_still_plots_and_says_so()
    {
        _run.WriteMetrics(validation: false);

        var files = RunReport.Write(_run.Input());

        files.Plots.Select(Path.GetFileName).Should().Contain("loss.png");
        File.ReadAllText(files.Markdown).Should().Contain("No validation points were logged.");
    }

    [Fact]
    public void Missing_gif_files_are_counted_not_fatal()
    {
        var files = RunReport.Write(_run.Input(gifs: [Path.Combine(_run.RunDir, "eval", "gone_success.gif")]));

        File.ReadAllText(files.Html).Should().Contain("1 listed GIF file(s) were not found.").And.NotContain("data:image/gif");
    }

    [Fact]
    public void A_rewrite_replaces_the_report_and_drops_plots_it_no_longer_shows()
    {
        WriteFullReport();

        var files = RunReport.Write(_run.Input(tasks: []));

        files.Plots.Select(Path.GetFileName).Should().Equal("loss.png");
        File.Exists(Path.Combine(_run.RunDir, "plots", "task_success.png")).Should().BeFalse();
        File.ReadAllText(files.Markdown).Should().Contain("No per-task results").And.NotContain("task_success.png");
    }

    private static List<double> Luminance(Image<Rgba32> image)
    {
        List<double> values = [];
        for (var y = 0; y < image.Height; y += 3)
            for (var x = 0; x < image.Width; x += 3)
            {
                var p = image[x, y];
                values.Add(0.299 * p.R + 0.587 * p.G + 0.114 * p.B);
            }
        return values;
    }

    private static double Variance(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return values.Average(v => (v - mean) * (v - mean));
    }
}
