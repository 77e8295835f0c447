using Vla.Abstractions.Export;

namespace Vla.Plugins.Conditioning.None;

/// <summary>Identity in the graph too: no nodes.</summary>
internal sealed partial class NoConditioning : IExportableConditioning
{
    public string EmitModulate(IGraphBuilder g, int block, string x, int rank, string instruction) => x;
}
