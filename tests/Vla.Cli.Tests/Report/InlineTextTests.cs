using Vla.Cli.Report;

namespace Vla.Cli.Tests.Report;

public sealed class InlineTextTests
{
    [Fact]
    public void Html_encodes_text_and_turns_backticks_into_code() =>
        InlineText.Html("a <b> & `x<y>`").Should().Be("a &lt;b&gt; &amp; <code>x&lt;y&gt;</code>");

    [Fact]
    public void Markdown_neutralises_html_and_escapes_pipes_in_table_cells()
    {
        InlineText.Markdown("<img src=x> a|b", tableCell: true).Should().Be("&lt;img src=x&gt; a\\|b");
        InlineText.Markdown("line one\nline two", tableCell: true).Should().Be("line one line two");
        InlineText.Markdown("snake_case *stars* [link]").Should().Be("snake_case \\*stars\\* \\[link\\]");
    }

    [Fact]
    public void Markdown_fence_outlasts_backticks_in_the_command() =>
        InlineText.MarkdownFence("echo ```").Should().Be("````\necho ```\n````");
}
