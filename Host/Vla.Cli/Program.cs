using System.CommandLine;
using Vla.Cli;
using Vla.Cli.Commands;

var root = new RootCommand("""
    vla: fine-tune and run vision-language-action policies (OpenVLA-OFT recipes) with TorchSharp.

    Start with `vla run` (the main job), `vla plugins` (the parts you can combine) and
    `vla train --recipe recipes/oft.json --data synthetic --out runs/oft`.
    """);
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(PredictCommand.Create());
root.Subcommands.Add(PluginsCommand.Create());
root.Subcommands.Add(RecipesCommand.Create());
return CommandRunner.Invoke(root, args);
