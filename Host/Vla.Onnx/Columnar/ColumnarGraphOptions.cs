namespace Vla.Onnx.Columnar;

/// <summary>
/// How the single-row "columnar" policy graph names and lays out its inputs (the layout ML.NET's OnnxTransformer
/// feeds): one planar float (1, 3, S, S) input per camera, the instruction as text (1, 1), raw proprio (1, P), and
/// the raw action chunk (K, D) out. Input and output names are the column names.
/// </summary>
public sealed record ColumnarGraphOptions
{
    /// <summary>Camera name -> input name; null or missing: the camera's own name.</summary>
    public IReadOnlyDictionary<string, string>? CameraColumns { get; init; }

    public string InstructionColumn { get; init; } = "Instruction";

    public string ProprioColumn { get; init; } = "Proprio";

    public string OutputColumn { get; init; } = "ActionChunk";

    /// <summary>False: pixels are 0-255 (ExtractPixels' default); true: 0-1.</summary>
    public bool PixelsAreScaled { get; init; }

    /// <summary>Instructions whose words the in-graph tokenizer must know exactly (e.g. the training rows').</summary>
    public IReadOnlyCollection<string> Instructions { get; init; } = [];

    public string CameraColumn(string camera) => CameraColumns?.GetValueOrDefault(camera) ?? camera;
}
