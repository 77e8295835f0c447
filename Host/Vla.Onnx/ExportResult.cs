namespace Vla.Onnx;

/// <summary>What <see cref="PolicyExporter"/> wrote: the export folder, policy.onnx and every companion graph.</summary>
public sealed record ExportResult(string Folder, string Policy, IReadOnlyList<string> Files, string Loop);
