using Vla.Abstractions;

namespace Vla.Onnx;

/// <summary>
/// A run's <c>export/</c> folder: policy.onnx plus the companion graphs its loop needs. Everything needed to rebuild
/// the policy (recipe, statistics, tokenizer, loop settings) travels inside policy.onnx as metadata.
/// </summary>
public sealed class ExportFolder(string path)
{
    public const string PolicyFile = "policy.onnx";
    public const string DenoiseFile = "denoise.onnx";
    public const string DecodeFile = "decode.onnx";
    public const string FinishFile = "finish.onnx";

    internal const string FormatKey = "vla.format";
    internal const string LoopKey = "vla.loop";
    internal const string RecipeKey = "vla.recipe";
    internal const string StatisticsKey = "vla.statistics";
    internal const string TokenizerKey = "vla.tokenizer";
    internal const string Format = "1";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string Policy => File(PolicyFile);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary><paramref name="dir"/> is a run folder (uses its export/ subfolder) or an export folder itself.</summary>
    public static ExportFolder Locate(string dir)
    {
        var full = System.IO.Path.GetFullPath(dir);
        if (!Directory.Exists(full))
            throw new VlaException($"folder '{full}' does not exist", "pass a trained run folder exported with `vla export --run DIR`");
        var nested = System.IO.Path.Combine(full, "export");
        return new ExportFolder(System.IO.File.Exists(System.IO.Path.Combine(full, PolicyFile)) ? full : nested);
    }

    /// <summary>Companion graphs a loop needs, in addition to policy.onnx.</summary>
    internal static string[] Companions(ExportLoop loop) => loop switch
    {
        ExportLoop.Denoising => [DenoiseFile, FinishFile],
        ExportLoop.CachedDecode => [DecodeFile, FinishFile],
        _ => [],
    };

    internal void Require(params string[] names)
    {
        foreach (var name in names)
            if (!System.IO.File.Exists(File(name)))
                throw new VlaException($"'{File(name)}' is missing: no complete ONNX export here",
                    "export the run first: vla export --run RUN_DIR (writes RUN_DIR/export/)");
    }
}
