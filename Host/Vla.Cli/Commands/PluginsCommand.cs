using System.CommandLine;
using Spectre.Console;
using Vla.Abstractions;

namespace Vla.Cli.Commands;

/// <summary>`vla plugins`: the parts a recipe can name, by kind, and plugins that failed to load.</summary>
internal static class PluginsCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var plugins = CommonOptions.Plugins();
        var command = new Command("plugins", "list decoders, heads and conditioning parts (built-in and user plugins)") { json, plugins };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            using var catalog = CommonOptions.LoadCatalog(parse.GetValue(plugins));
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    decoders = catalog.Names(PartKind.Decoder),
                    heads = catalog.Names(PartKind.Head),
                    conditioning = catalog.Names(PartKind.Conditioning),
                    errors = catalog.Errors.Select(e => new { plugin = e.Plugin, path = e.Path, reason = e.Reason }),
                });
                return 0;
            }
            var table = new Table().AddColumns("kind", "name", "assembly", "description");
            foreach (var p in catalog.Parts)
                table.AddRow(p.Kind.ToString().ToLowerInvariant(), p.Name, p.Assembly, Markup.Escape(p.Description));
            AnsiConsole.Write(table);
            foreach (var e in catalog.Errors) AnsiConsole.MarkupLineInterpolated($"[red]failed[/] {e.Plugin}: {e.Reason}");
            return 0;
        }));
        return command;
    }
}
