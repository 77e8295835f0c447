namespace Vla.Abstractions.Export;

/// <summary>A decoder whose chunk is one backbone pass over [prefix][extra][slots] (parallel decoding).</summary>
public interface ISlotPassExport
{
    /// <summary>prefix (B, P, W); slots (B, S, W) or null for empty slots; extra (B, E, W) or null.
    /// Returns the action slots' hidden states (B, S, W).</summary>
    string EmitSlotPass(IGraphBuilder g, IBackboneGraph backbone, string prefix, ActionHead head, string? slots, string? extra);
}
