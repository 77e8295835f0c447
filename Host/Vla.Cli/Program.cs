using Vla.Cli;
using Vla.Core.Util;

DenormalFlush.Enable();   // before libtorch starts its worker threads, which inherit it
return CommandRunner.Invoke(VlaRoot.Create(), args);
