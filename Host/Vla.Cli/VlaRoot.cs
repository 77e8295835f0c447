using System.CommandLine;
using Vla.Cli.Commands;

namespace Vla.Cli;

/// <summary>The command tree (kept apart from Program so tests can run commands in-process).</summary>
internal static class VlaRoot
{
    public static RootCommand Create()
    {
        var root = new RootCommand("""
            vla: fine-tune and run vision-language-action policies (OpenVLA-OFT recipes) with TorchSharp.

            Start with `vla run` (the main job), `vla plugins` (the parts you can combine), `vla sim tasks` (the benchmark)
            and `vla train --recipe oft --data DIR --out runs/oft`.
            """);
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(PretrainCommand.Create());
        root.Subcommands.Add(AblateCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(DemosCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ExportDataCommand.Create());
        root.Subcommands.Add(SimCommand.Create());
        root.Subcommands.Add(PluginsCommand.Create());
        root.Subcommands.Add(RecipesCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }
}
