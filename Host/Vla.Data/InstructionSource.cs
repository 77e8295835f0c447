using System.Text.Json;
using Vla.Abstractions;

namespace Vla.Data;

/// <summary>
/// A task file's language instruction: `data.attrs['problem_info']["language_instruction"]` (LIBERO), else the file
/// name the way LIBERO derives it (`pick_up_the_bowl_demo.hdf5` -> "pick up the bowl").
/// </summary>
internal static class InstructionSource
{
    public static string Of(H5GroupView data)
    {
        var info = data.StringAttribute("problem_info");
        if (info is not null)
        {
            var key = $"{data.Path}.attrs['problem_info']";
            try
            {
                using var json = JsonDocument.Parse(info);
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("language_instruction", out var text)
                    && text.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(text.GetString()))
                    return text.GetString()!.Trim();
            }
            catch (JsonException e)
            {
                throw new VlaException($"{data.File}: {key} is not valid JSON: {e.Message}",
                    "fix the attribute, or pass an instruction explicitly (LiberoReadOptions.Instruction)");
            }
        }
        return FromFileName(data.File);
    }

    public static string FromFileName(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        if (name.EndsWith("_demo", StringComparison.Ordinal)) name = name[..^"_demo".Length];
        // LIBERO-90/10 names start with the scene (KITCHEN_SCENE3_turn_on_the_stove): not part of the instruction.
        var scene = ScenePrefix.Match(name);
        if (scene.Success) name = name[scene.Length..];
        return name.Replace('_', ' ').Trim();
    }

    private static readonly System.Text.RegularExpressions.Regex ScenePrefix = new("^[A-Z_]*SCENE[0-9]+_");
}
