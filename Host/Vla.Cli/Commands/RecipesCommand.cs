using System.CommandLine;
using Spectre.Console;

namespace Vla.Cli.Commands;

/// <summary>`vla recipes`: the built-in recipes and what each combines.</summary>
internal static class RecipesCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("recipes", "list the built-in recipes (recipes/*.json)") { json };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            var recipes = RecipeFiles.BuiltInNames.Select(RecipeFiles.Load).ToList();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    recipes = recipes.Select(r => new { r.Name, r.Decoder, r.Head, r.Conditioning, r.Chunk, cameras = r.Cameras }),
                });
                return 0;
            }
            var table = new Table().AddColumns("name", "decoder", "head", "conditioning", "K", "cameras", "proprio");
            foreach (var r in recipes)
                table.AddRow(r.Name, r.Decoder, r.Head, r.Conditioning, r.Chunk.ToString(), string.Join(",", r.Cameras), r.ProprioDim.ToString());
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
