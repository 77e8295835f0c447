namespace Vla.Cli.Report;

/// <summary>The page's only stylesheet, inline because the page must stand alone (no external CSS or fonts).</summary>
internal static class HtmlStyle
{
    public const string Css = """
        body { margin: 0; background: #f6f7f9; color: #1d2430; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
        main { max-width: 960px; margin: 0 auto; padding: 24px 20px 60px; }
        h1 { font-size: 1.6em; margin: 0 0 8px; }
        h2 { font-size: 1.25em; margin: 0 0 12px; }
        h3 { font-size: 1.05em; margin: 16px 0 8px; }
        nav { margin-bottom: 20px; color: #5b6576; }
        nav a { color: #2b5fb4; text-decoration: none; }
        section { background: #fff; border: 1px solid #e1e4ea; border-radius: 8px; padding: 16px 20px; margin: 0 0 18px; }
        table { border-collapse: collapse; margin: 4px 0 8px; }
        th, td { padding: 4px 12px; border-bottom: 1px solid #e8eaef; text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid #cfd4dd; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.average td { font-weight: 700; border-top: 2px solid #cfd4dd; }
        table.facts th { white-space: nowrap; color: #5b6576; font-weight: 600; }
        code, pre { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: #f0f2f5; border-radius: 4px; }
        code { padding: 1px 4px; }
        pre { padding: 8px 12px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
        pre code { padding: 0; background: none; }
        figure { margin: 8px 0; }
        figure.plot img { max-width: 100%; height: auto; }
        .gifs { display: flex; flex-wrap: wrap; gap: 12px; }
        .gifs figure { margin: 0; padding: 6px; border-radius: 6px; background: #fafbfc; }
        .gifs figure.success { border: 2px solid #3c9d5d; }
        .gifs figure.fail { border: 2px solid #c8503f; }
        .gifs img { display: block; width: 192px; height: auto; image-rendering: pixelated; }
        figcaption { font-size: 12px; color: #5b6576; max-width: 192px; overflow-wrap: anywhere; }
        .muted { color: #5b6576; font-size: 13px; }
        .empty { color: #8a6d1f; font-style: italic; }
        details summary { cursor: pointer; color: #2b5fb4; margin: 6px 0; }
        """;
}
