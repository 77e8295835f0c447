using System.CommandLine;
using Vla.Onnx;

namespace Vla.Cli;

/// <summary>`--engine torch|ort`, shared by the commands that run a policy (load with <see cref="PolicyEngine.Load"/>).</summary>
internal static class EngineOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--engine")
        {
            Description = "inference engine: torch (TorchSharp eager) or ort (ONNX Runtime; run `vla export` first)",
            DefaultValueFactory = _ => PolicyEngine.Torch,
        };
        option.AcceptOnlyFromAmong(PolicyEngine.Names);
        return option;
    }
}
