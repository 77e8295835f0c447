using Vla.Abstractions;
using Vla.Abstractions.Export;

namespace Vla.Plugins.Decoders.Parallel;

/// <summary>The same pass as <see cref="Pass"/> in graph form: empty (zero) slots, no mask, the last S positions.</summary>
internal sealed partial class ParallelDecoder : ISlotPassExport
{
    public string EmitSlotPass(IGraphBuilder g, IBackboneGraph backbone, string prefix, ActionHead head, string? slots, string? extra)
    {
        var s = head.SlotCount;
        // Empty slots: a (1, S, W) zero constant expanded over the batch (the backbone adds positions).
        slots ??= g.ExpandToBatch(g.Constant(new float[s * backbone.Width], [1, s, backbone.Width], "empty_slots"),
            prefix, s, backbone.Width);
        var sequence = extra is null ? g.Concat(1, prefix, slots) : g.Concat(1, prefix, extra, slots); // (B, P [+E] + S, W)
        var hidden = backbone.Emit(g, sequence, mask: null, past: null).Hidden;                        // bidirectional
        return g.Slice(hidden, 1, -s, long.MaxValue);                                                    // (B, S, W)
    }
}
