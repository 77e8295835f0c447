using Microsoft.ML.Data;

namespace MlNetPredict;

/// <summary>One input row: up to four image paths, the instruction, the proprio (renamed to the model's columns).</summary>
internal sealed class InputRow
{
    public string Image0 { get; set; } = "";
    public string Image1 { get; set; } = "";
    public string Image2 { get; set; } = "";
    public string Image3 { get; set; } = "";
    public string Instruction { get; set; } = "";
    public float[] Proprio { get; set; } = [];

    /// <summary>The row's schema with the model's column names and the proprio's size (dropped when it reads none).</summary>
    public static SchemaDefinition Definition(string instruction, string? proprio, int proprioSize)
    {
        var definition = SchemaDefinition.Create(typeof(InputRow));
        definition[nameof(Instruction)].ColumnName = instruction;   // found by its initial name, before any renaming
        var column = definition[nameof(Proprio)];
        if (proprio is null) definition.Remove(column);
        else
        {
            column.ColumnName = proprio;
            column.ColumnType = new VectorDataViewType(NumberDataViewType.Single, proprioSize);
        }
        return definition;
    }
}
