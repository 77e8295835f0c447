using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vla.Plugins.Heads;

/// <summary>
/// OpenVLA-OFT's action MLP: LayerNorm -> Linear(in -> hidden) -> ReLU -> residual blocks
/// (LayerNorm -> Linear -> ReLU, + skip) -> LayerNorm -> Linear(hidden -> out).
/// </summary>
internal sealed partial class MlpResNet : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm layer_norm1;
    private readonly Linear fc1;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> blocks;
    private readonly LayerNorm layer_norm2;
    private readonly Linear fc2;

    public MlpResNet(int input, int hidden, int output, int residualBlocks = 2) : base(nameof(MlpResNet))
    {
        layer_norm1 = nn.LayerNorm(input);
        fc1 = nn.Linear(input, hidden);
        blocks = new ModuleList<nn.Module<Tensor, Tensor>>();
        for (var i = 0; i < residualBlocks; i++) blocks.Add(new ResidualBlock(hidden));
        layer_norm2 = nn.LayerNorm(hidden);
        fc2 = nn.Linear(hidden, output);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.relu(fc1.forward(layer_norm1.forward(x)));   // (..., hidden)
        foreach (var block in blocks) h = block.forward(h);                  // (..., hidden)
        return fc2.forward(layer_norm2.forward(h)).MoveToOuterDisposeScope(); // (..., output)
    }

    private sealed partial class ResidualBlock : nn.Module<Tensor, Tensor>
    {
        private readonly LayerNorm norm;
        private readonly Linear fc;

        public ResidualBlock(int width) : base(nameof(ResidualBlock))
        {
            norm = nn.LayerNorm(width);
            fc = nn.Linear(width, width);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            using var scope = NewDisposeScope();
            return (x + nn.functional.relu(fc.forward(norm.forward(x)))).MoveToOuterDisposeScope();
        }
    }
}
