using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Vla.Cli.Report;

/// <summary>
/// Caller text (facts, notes, task names, instructions) into either format. `Backtick` spans become code; everything
/// else is escaped, so a task name such as "&lt;script&gt;" or "a | b" shows as typed and never becomes markup.
/// </summary>
internal static partial class InlineText
{
    [GeneratedRegex("(`+)(.+?)\\1", RegexOptions.Singleline)]
    private static partial Regex CodeSpan();

    public static string Html(string text) => Render(text, WebUtility.HtmlEncode, code => $"<code>{WebUtility.HtmlEncode(code)}</code>");

    /// <summary>Markdown; in a table cell, pipes are escaped and line breaks become spaces.</summary>
    public static string Markdown(string text, bool tableCell = false)
    {
        if (tableCell) text = text.ReplaceLineEndings(" ");
        var rendered = Render(text, MarkdownPlain, code => CodeSpanMarkdown(code));
        return tableCell ? rendered.Replace("|", "\\|") : rendered;
    }

    /// <summary>A fenced code block whose fence is longer than any backtick run inside, so the text cannot close it.</summary>
    public static string MarkdownFence(string code)
    {
        var fence = new string('`', Math.Max(3, LongestRun(code, '`') + 1));
        return $"{fence}\n{code}\n{fence}";
    }

    private static string Render(string text, Func<string, string> plain, Func<string, string> code)
    {
        var result = new StringBuilder();
        var at = 0;
        foreach (Match m in CodeSpan().Matches(text))
        {
            result.Append(plain(text[at..m.Index])).Append(code(m.Groups[2].Value));
            at = m.Index + m.Length;
        }
        return result.Append(plain(text[at..])).ToString();
    }

    // Raw HTML inside Markdown is live on most renderers: neutralise it, and an entity-like "&x" too. Emphasis, link
    // and stray backtick characters are escaped; "_" is not, because GFM ignores it inside words (snake_case names).
    private static string MarkdownPlain(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            result.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' when i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] == '#') => "&amp;",
                '\\' or '*' or '[' or ']' or '`' => $"\\{c}",
                _ => c.ToString(),
            });
        }
        return result.ToString();
    }

    private static string CodeSpanMarkdown(string code)
    {
        var ticks = new string('`', LongestRun(code, '`') + 1);
        var pad = code.StartsWith('`') || code.EndsWith('`') ? " " : "";
        return $"{ticks}{pad}{code}{pad}{ticks}";
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var x in text)
        {
            run = x == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
