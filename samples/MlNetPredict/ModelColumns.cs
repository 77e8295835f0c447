using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetPredict;

/// <summary>
/// What a saved policy reads, from the input schema stored in its .zip: camera columns (planar floats (3, H, W)),
/// one text column (the instruction), optionally one float vector (the proprio).
/// </summary>
internal sealed record ModelColumns(IReadOnlyList<(string Name, int Height, int Width)> Cameras, string Instruction,
    (string Name, int Size)? Proprio)
{
    public static ModelColumns From(DataViewSchema? schema, string model)
    {
        if (schema is null)
            throw new SampleException($"'{model}' was saved without an input schema; save it with " +
                "mlContext.Model.Save(policy, policy.SaveSchema, path)");
        var cameras = new List<(string, int, int)>();
        string? instruction = null;
        (string, int)? proprio = null;
        foreach (var column in schema.Where(c => !c.IsHidden))
        {
            switch (column.Type)
            {
                case VectorDataViewType { ItemType: NumberDataViewType } v when v.ItemType == NumberDataViewType.Single
                                                                               && v.Dimensions.Length == 3 && v.Dimensions[0] == 3:
                    cameras.Add((column.Name, v.Dimensions[1], v.Dimensions[2]));
                    break;
                case VectorDataViewType v when v.ItemType == NumberDataViewType.Single && v.Dimensions.Length == 1 && proprio is null:
                    proprio = (column.Name, v.Size);
                    break;
                case TextDataViewType when instruction is null:
                    instruction = column.Name;
                    break;
                default:
                    throw Unexpected(schema, model);
            }
        }
        if (cameras.Count == 0 || instruction is null) throw Unexpected(schema, model);
        return new ModelColumns(cameras, instruction, proprio);
    }

    private static SampleException Unexpected(DataViewSchema schema, string model) =>
        new($"'{model}' does not read a policy's columns (planar pixel vectors (3, H, W), an instruction text, an optional " +
            $"proprio vector); it reads: {string.Join(", ", schema.Select(c => $"{c.Name} ({c.Type})"))}. " +
            "Save the policy alone: mlContext.Model.Save(policy, policy.SaveSchema, path)");
}
