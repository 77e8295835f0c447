using Vla.Abstractions;
using Vla.Core.Text;
using Vla.Onnx.Graphs;
using static TorchSharp.torch;

namespace Vla.Onnx.Runtime;

/// <summary>
/// Observations -> the exported graph's raw inputs: uint8 images (B, S, S, 3) per camera, token ids + mask (B, T)
/// from the tokenizer that travelled with the model, raw proprio (B, P). Only tokenisation happens in C#.
/// </summary>
internal sealed class RawInputs(Recipe recipe, InstructionTokenizer tokenizer)
{
    public Feeds Create(IReadOnlyList<Observation> observations)
    {
        var b = observations.Count;
        var feeds = new Feeds();
        foreach (var camera in recipe.Cameras)
            feeds.Add(PrefixGraph.ImageInput(camera), Pixels(observations, camera), b, recipe.ImageSize, recipe.ImageSize, 3);
        var t = tokenizer.MaxTokens;
        var (ids, mask) = (new long[b * t], new bool[b * t]);
        for (var i = 0; i < b; i++)
        {
            var (id, m) = tokenizer.Encode(observations[i].Instruction);
            id.CopyTo(ids, i * t);
            m.CopyTo(mask, i * t);
        }
        feeds.Add(PrefixGraph.TokensInput, ids, b, t).Add(PrefixGraph.MaskInput, mask, b, t);
        if (recipe.ProprioDim > 0) feeds.Add(PrefixGraph.ProprioInput, Proprio(observations), b, recipe.ProprioDim);
        return feeds;
    }

    private float[] Proprio(IReadOnlyList<Observation> observations)
    {
        var p = recipe.ProprioDim;
        var values = new float[observations.Count * p];
        for (var i = 0; i < observations.Count; i++)
        {
            if (observations[i].Proprio.Length != p)
                throw new VlaException($"observation has {observations[i].Proprio.Length} proprio values, the policy expects {p}");
            observations[i].Proprio.CopyTo(values, i * p);
        }
        return values;
    }

    private byte[] Pixels(IReadOnlyList<Observation> observations, string camera)
    {
        var size = recipe.ImageSize;
        var pixels = new byte[observations.Count * size * size * 3];
        for (var i = 0; i < observations.Count; i++)
        {
            var frame = observations[i].Images.FirstOrDefault(image => image.Camera == camera)?.Validate()
                ?? throw new VlaException($"observation has no '{camera}' image",
                    $"the policy was trained with cameras: {string.Join(", ", recipe.Cameras)}");
            var rgb = frame.Height == size && frame.Width == size ? frame.Rgb : Resize(frame, size);
            rgb.CopyTo(pixels, i * size * size * 3);
        }
        return pixels;
    }

    /// <summary>The graph takes the recipe's size; other sizes are resized bilinearly (as the TorchSharp engine does)
    /// and rounded back to bytes, which can differ from it by half a grey level.</summary>
    private static byte[] Resize(CameraImage frame, int size)
    {
        using var scope = NewDisposeScope();
        var chw = tensor(frame.Rgb, [1, frame.Height, frame.Width, 3]).permute(0, 3, 1, 2).to(ScalarType.Float32);
        var resized = nn.functional.interpolate(chw, [size, size], mode: InterpolationMode.Bilinear, align_corners: false);
        return resized.round().clamp(0, 255).to(ScalarType.Byte).permute(0, 2, 3, 1).contiguous().data<byte>().ToArray();
    }
}
