using Vla.Cli;

return CommandRunner.Invoke(VlaRoot.Create(), args);
