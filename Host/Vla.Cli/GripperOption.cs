using System.CommandLine;

namespace Vla.Cli;

/// <summary>`--gripper binary|raw`: how closed-loop evaluation applies the predicted gripper dimension.</summary>
internal static class GripperOption
{
    public const string BinaryName = "binary", RawName = "raw";

    public static Option<string> Create()
    {
        var option = new Option<string>("--gripper")
        {
            Description = "binary: close when the predicted gripper value >= 0, else open (openvla-oft's LIBERO evaluation); raw: apply the regressed value",
            DefaultValueFactory = _ => BinaryName,
        };
        option.AcceptOnlyFromAmong(BinaryName, RawName);
        return option;
    }

    public static bool Binary(string? value) => value != RawName;
}
